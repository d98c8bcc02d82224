package dev.callbridge.sandbox;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the answering-machine detection parameters of a {@code Calls.json} create. A bad value
 * of any of them is refused (400, code 21200) whether or not detection is on, among them a
 * {@code MachineDetection} other than Twilio's exact {@code Enable} or {@code DetectMessageEnd};
 * an absent one means no detection, and so does {@code SendDigits}, which Twilio lets win over
 * detection.
 */
final class MachineDetectionRequests {

    /** Either the detection asked for (null for none) or Twilio's error answer. */
    record Outcome(MachineDetection detection, Response error) {
        static Outcome refused(String message) {
            return new Outcome(null, TwilioErrors.badRequest(21200, message));
        }
    }

    /** Twilio's tuning parameters, in milliseconds: the simulation does not use them, but checks their range. */
    private static final Map<String, int[]> TUNING = Map.of(
            "MachineDetectionSpeechThreshold", new int[] {1000, 6000},
            "MachineDetectionSpeechEndThreshold", new int[] {500, 5000},
            "MachineDetectionSilenceTimeout", new int[] {2000, 10000});

    private MachineDetectionRequests() {
    }

    static Outcome read(MultivaluedMap<String, String> form) {
        String async = Optional.ofNullable(form.getFirst("AsyncAmd")).orElse("false").trim().toLowerCase(Locale.ROOT);
        if (!async.equals("true") && !async.equals("false")) {
            return Outcome.refused("AsyncAmd must be true or false.");
        }
        String callback = form.getFirst("AsyncAmdStatusCallback");
        if (callback != null && !TwilioCallRequests.isHttpUrl(callback)) {
            return Outcome.refused("AsyncAmdStatusCallback is not a valid http(s) URL.");
        }
        String method = Optional.ofNullable(form.getFirst("AsyncAmdStatusCallbackMethod")).orElse("POST")
                .trim().toUpperCase(Locale.ROOT);
        if (!method.equals("POST") && !method.equals("GET")) {
            return Outcome.refused("AsyncAmdStatusCallbackMethod must be GET or POST.");
        }
        Integer timeout = whole(form, "MachineDetectionTimeout", MachineDetection.MIN_TIMEOUT,
                MachineDetection.MAX_TIMEOUT);
        if (timeout == null) {
            return Outcome.refused("MachineDetectionTimeout must be a whole number of seconds from "
                    + MachineDetection.MIN_TIMEOUT + " to " + MachineDetection.MAX_TIMEOUT + ".");
        }
        for (Map.Entry<String, int[]> tuning : TUNING.entrySet()) {
            if (whole(form, tuning.getKey(), tuning.getValue()[0], tuning.getValue()[1]) == null) {
                return Outcome.refused(tuning.getKey() + " must be a whole number of milliseconds from "
                        + tuning.getValue()[0] + " to " + tuning.getValue()[1] + ".");
            }
        }
        String requested = form.getFirst("MachineDetection");
        Optional<MachineDetection.Mode> mode = mode(requested);
        if (requested != null && mode.isEmpty()) {
            return Outcome.refused("MachineDetection must be Enable or DetectMessageEnd.");
        }
        if (mode.isEmpty() || form.containsKey("SendDigits")) {
            return new Outcome(null, null);
        }
        return new Outcome(new MachineDetection(mode.get(), async.equals("true"), callback, method,
                timeout == 0 ? MachineDetection.DEFAULT_TIMEOUT : timeout), null);
    }

    private static Optional<MachineDetection.Mode> mode(String raw) {
        return raw == null ? Optional.empty() : Arrays.stream(MachineDetection.Mode.values())
                .filter(mode -> mode.twilioName().equals(raw)).findFirst();
    }

    /** The value of {@code name} if it is a whole number in range, 0 when absent, null when bad. */
    private static Integer whole(MultivaluedMap<String, String> form, String name, int min, int max) {
        String raw = form.getFirst(name);
        if (raw == null) {
            return 0;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
