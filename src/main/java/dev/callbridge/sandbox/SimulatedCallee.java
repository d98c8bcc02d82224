package dev.callbridge.sandbox;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Who picks up an answered call, as far as Twilio's answering-machine detection can tell, and
 * when (in simulated seconds after the answer) detection tells it. A person says a short hello
 * and is told apart after {@value #HUMAN_DETECTED_AFTER}; an answering machine speaks longer than
 * Twilio's 2.4 s speech threshold ({@code machine_start} after {@value #MACHINE_START_DETECTED_AFTER}),
 * ends its greeting with a beep after {@value #BEEP_AFTER} ({@code machine_end_beep}) and then
 * records for {@code callbridge.sandbox.callee.machine-records-for} before it hangs up; a fax
 * answers with its tones ({@code fax} after {@value #FAX_DETECTED_AFTER}) and hangs up after
 * {@code callbridge.sandbox.callee.fax-hangs-up-after}.
 * Detection that would take longer than the call's {@code MachineDetectionTimeout} gives up with
 * {@code unknown} at that timeout, as Twilio's does.
 */
final class SimulatedCallee {

    static final double HUMAN_DETECTED_AFTER = 2;
    static final double MACHINE_START_DETECTED_AFTER = 3;
    /** When the greeting and its beep are over and the machine starts recording. */
    static final double BEEP_AFTER = 7;
    static final double FAX_DETECTED_AFTER = 1;

    /**
     * A detection result.
     *
     * @param answeredBy   Twilio's {@code AnsweredBy}
     * @param afterSeconds simulated seconds from the answer to the result
     */
    record Detection(String answeredBy, double afterSeconds) {
        /** Twilio's {@code MachineDetectionDuration}, in milliseconds. */
        long durationMillis() {
            return Math.round(afterSeconds * 1000);
        }
    }

    private SimulatedCallee() {
    }

    static Detection detect(MagicNumbers.Behaviour callee, MachineDetection detection) {
        Detection found = switch (callee) {
            case ANSWERING_MACHINE -> detection.mode() == MachineDetection.Mode.ENABLE
                    ? new Detection("machine_start", MACHINE_START_DETECTED_AFTER)
                    : new Detection("machine_end_beep", BEEP_AFTER);
            case FAX -> new Detection("fax", FAX_DETECTED_AFTER);
            default -> new Detection("human", HUMAN_DETECTED_AFTER);
        };
        return found.afterSeconds() > detection.timeoutSeconds()
                ? new Detection("unknown", detection.timeoutSeconds()) : found;
    }

    /**
     * When, after the answer, the callee hangs up by itself whatever it hears; empty for a person,
     * whose call ends with what it is told (or with a hang-up through the API).
     */
    static OptionalDouble hangsUpAfter(MagicNumbers.Behaviour callee, SandboxConfig.Callee times) {
        return switch (callee) {
            case ANSWERING_MACHINE -> OptionalDouble.of(BEEP_AFTER + seconds(times.machineRecordsFor()));
            case FAX -> OptionalDouble.of(seconds(times.faxHangsUpAfter()));
            default -> OptionalDouble.empty();
        };
    }

    private static double seconds(Duration simulated) {
        return simulated.toMillis() / 1000.0;
    }

    /** Whether the callee stays on the line whatever a stream says, until it (or the API) hangs up. */
    static boolean staysOnTheLine(MagicNumbers.Behaviour callee) {
        return callee == MagicNumbers.Behaviour.TALKS_UNTIL_HUNG_UP || callee == MagicNumbers.Behaviour.ANSWERING_MACHINE
                || callee == MagicNumbers.Behaviour.FAX;
    }

    /** The callee's kind as the sandbox's inspection view names it. */
    static String kind(MagicNumbers.Behaviour callee) {
        return switch (callee) {
            case ANSWERING_MACHINE -> "machine";
            case FAX -> "fax";
            default -> "human";
        };
    }
}
