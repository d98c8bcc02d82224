package dev.callbridge.call;

import java.util.Locale;
import java.util.Optional;

/**
 * What a placed call does when Twilio's answering-machine detection finds that a machine (or a
 * fax) answered. Detection runs asynchronously (Twilio's {@code AsyncAmd}), so a human hears the
 * agent at once either way.
 */
public enum MachineDetection {
    /** No detection: whoever answers talks to the agent. */
    OFF,
    /** A machine or fax is hung up on as soon as it is detected. */
    HANG_UP,
    /**
     * A machine gets a message once its greeting ended (after the beep): the placement's
     * {@code voicemailMessage}, spoken by Twilio before hanging up, or, without one, the agent
     * keeps the line and speaks for itself. A fax is hung up on.
     */
    LEAVE_MESSAGE;

    /** The name the API and the database use ({@code leave-message}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether Twilio is asked to detect machines at all. */
    public boolean enabled() {
        return this != OFF;
    }

    /** The setting with this wire name. */
    public static Optional<MachineDetection> fromWire(String wire) {
        for (MachineDetection detection : values()) {
            if (detection.wire().equals(wire)) {
                return Optional.of(detection);
            }
        }
        return Optional.empty();
    }
}
