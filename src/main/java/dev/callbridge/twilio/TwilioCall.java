package dev.callbridge.twilio;

import java.time.OffsetDateTime;

/**
 * A Twilio call as Callbridge sees it, free of SDK types.
 *
 * @param sid             {@code CA...}
 * @param status          Twilio's status word ({@code queued}, {@code ringing}, {@code in-progress},
 *                        {@code completed}, {@code busy}, {@code failed}, {@code no-answer},
 *                        {@code canceled}), or {@code unknown} for a value the SDK does not know
 * @param durationSeconds length of the answered call, null until it ends
 * @param startTime       when the callee answered, or null
 * @param endTime         when the call ended, or null
 * @param createdAt       when Twilio accepted the call (to the second), or null
 */
public record TwilioCall(String sid, String status, Integer durationSeconds, OffsetDateTime startTime,
        OffsetDateTime endTime, OffsetDateTime createdAt) {

    /** True when the call can no longer change: it ended one way or another. */
    public boolean isTerminal() {
        return switch (status) {
            case "completed", "busy", "failed", "no-answer", "canceled" -> true;
            default -> false;
        };
    }
}
