package dev.callbridge.call;

import java.time.Instant;
import java.util.Set;

/**
 * One Twilio status callback as the call ledger keeps it on the placement's timeline. Twilio
 * numbers the callbacks of a call with {@code SequenceNumber}, from 0 up: the pair
 * ({@code CallSid}, {@code sequenceNumber}) identifies a callback, so a repeated one is
 * recognised, and the timeline is read in that order whatever order the callbacks arrived in.
 *
 * @param status        Twilio's {@code CallStatus}: {@code initiated}, {@code ringing},
 *                      {@code in-progress} (answered), or a final status
 * @param occurredAt    Twilio's {@code Timestamp} of the event, null when it sent none
 * @param durationSeconds Twilio's {@code CallDuration}, sent with final statuses only
 * @param answeredBy    Twilio's {@code AnsweredBy} (machine detection), null when absent
 * @param receivedAt    when Callbridge received the callback
 */
public record CallEvent(long sequenceNumber, String status, Instant occurredAt, Integer durationSeconds,
        String answeredBy, Instant receivedAt) {

    /** The statuses a Twilio call ends with; no later callback moves a call away from one. */
    public static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    /**
     * The sequence number of a final callback Twilio sent without one: a number's own status
     * callback (an inbound call's) reports the call's end alone, without progress events. Above
     * any number Twilio gives (nine digits at most), so it sorts last on the timeline.
     */
    public static final long UNSEQUENCED_FINAL = 1_000_000_000L;

    /** Every {@code CallStatus} Twilio reports. */
    public static final Set<String> STATUSES = Set.of("queued", "initiated", "ringing", "in-progress", "completed",
            "busy", "no-answer", "failed", "canceled");

    /** When Callbridge first received one of these statuses among the callbacks, if it did. */
    static java.util.Optional<Instant> firstReceived(java.util.List<CallEvent> callbacks, Set<String> statuses) {
        return callbacks.stream().filter(event -> statuses.contains(event.status()))
                .map(CallEvent::receivedAt).min(Instant::compareTo);
    }

    /** Whether the call has ended with this event. */
    public boolean isFinal() {
        return FINAL_STATUSES.contains(status);
    }

    /**
     * The Twilio status the placement shows once this event is applied over {@code current}
     * (its status so far) when {@code latest} was the highest sequence number applied before:
     * a final status is never replaced, a final event always wins over a status that is not,
     * and otherwise the event with the higher sequence number wins.
     */
    String statusOver(String current, long latest) {
        if (current != null && FINAL_STATUSES.contains(current)) {
            return current;
        }
        return isFinal() || sequenceNumber > latest ? status : current;
    }

    /** What recording a callback did. */
    public enum Outcome {
        /** Added to the placement's timeline. */
        RECORDED,
        /** The callback (CallSid, SequenceNumber) was recorded before, or the call's timeline is full. */
        DUPLICATE,
        /** No kept placement has this Twilio SID. */
        UNKNOWN_CALL
    }
}
