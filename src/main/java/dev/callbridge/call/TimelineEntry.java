package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step on a call's timeline, as {@code GET /api/v1/calls/{id}} and the {@code call.*} events
 * show it: a pipeline step Callbridge took, a status Twilio's callbacks reported for the phone
 * leg, or what Ultravox's webhooks reported of the conversation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TimelineEntry", description = "A step in the life of a call: Callbridge's own steps (source "
        + "callbridge), Twilio's status callbacks (source twilio) and Ultravox's webhooks (source ultravox).")
public record TimelineEntry(
        @Schema(required = true, enumeration = {"callbridge", "twilio", "ultravox"}, examples = "twilio")
        String source,
        @Schema(required = true, description = "callbridge: accepted, ultravox_created, dialing, dialed, failed, "
                + "compensated, ended (both legs reported their end); twilio: its CallStatus (initiated, ringing, "
                + "in-progress = answered, completed, busy, no-answer, failed, canceled); ultravox: joined, ended",
                examples = "ringing")
        String event,
        @Schema(required = true, implementation = String.class, format = "date-time",
                description = "When it happened (Twilio's Timestamp, to the second, when it sent one)")
        OffsetDateTime at,
        @Schema(description = "Twilio's SequenceNumber: the order of the call's callbacks, from 0", examples = "1")
        Long sequenceNumber,
        @Schema(implementation = String.class, format = "date-time",
                description = "When Callbridge received the Twilio callback")
        OffsetDateTime receivedAt,
        @Schema(description = "Twilio's CallDuration in seconds, with the final status", examples = "47")
        Integer durationSeconds,
        @Schema(description = "Twilio's AnsweredBy, when answering machine detection ran", examples = "human")
        String answeredBy,
        @Schema(description = "Ultravox's endReason, with its ended step", examples = "hangup")
        String endReason) {

    /** Twilio's callback {@code SequenceNumber} of a status read by the follow-up, after every real one. */
    static final long FOLLOW_UP_SEQUENCE = Integer.MAX_VALUE;

    /**
     * The timeline of a placement: its own steps and the conversation's in time order, merged
     * with Twilio's callbacks kept in their sequence order (Twilio's times have whole seconds only).
     */
    static List<TimelineEntry> of(CallPlacement placement, List<CallEvent> callbacks) {
        List<TimelineEntry> own = new ArrayList<>();
        for (Map.Entry<CallPlacement.State, Instant> step : placement.steps().entrySet()) {
            own.add(callbridge(step.getKey().wire(), step.getValue()));
        }
        CallPlacement.Conversation talk = placement.conversation();
        if (talk.joined() != null) {
            own.add(new TimelineEntry("ultravox", "joined", utc(talk.joined()), null, null, null, null, null));
        }
        if (talk.ended() != null) {
            own.add(new TimelineEntry("ultravox", "ended", utc(talk.ended()), null, null, null, null,
                    talk.endReason()));
        }
        if (placement.endedAt() != null) {
            own.add(callbridge("ended", placement.endedAt()));
        }
        own.sort(Comparator.comparing(TimelineEntry::at));
        return merge(own, callbacks.stream().map(TimelineEntry::twilio).toList());
    }

    private static List<TimelineEntry> merge(List<TimelineEntry> own, List<TimelineEntry> twilio) {
        List<TimelineEntry> merged = new ArrayList<>(own.size() + twilio.size());
        int i = 0;
        int j = 0;
        while (i < own.size() || j < twilio.size()) {
            boolean takeOwn = j >= twilio.size()
                    || (i < own.size() && own.get(i).at().isBefore(twilio.get(j).receivedAt()));
            merged.add(takeOwn ? own.get(i++) : twilio.get(j++));
        }
        return merged;
    }

    private static TimelineEntry callbridge(String event, Instant at) {
        return new TimelineEntry("callbridge", event, utc(at), null, null, null, null, null);
    }

    private static TimelineEntry twilio(CallEvent event) {
        Instant at = event.occurredAt() == null ? event.receivedAt() : event.occurredAt();
        return new TimelineEntry("twilio", event.status(), utc(at),
                event.sequenceNumber() >= CallEvent.UNSEQUENCED_FINAL ? null : event.sequenceNumber(),
                utc(event.receivedAt()), event.durationSeconds(), event.answeredBy(), null);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
