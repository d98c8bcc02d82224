package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One Twilio status callback on a call's timeline, as {@code GET /api/v1/calls/{id}} shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "TimelineEntry", description = "A status Twilio reported for the phone leg, from its status callback.")
public record TimelineEntry(
        @Schema(required = true, description = "Twilio's CallStatus: initiated, ringing, in-progress (answered), "
                + "completed, busy, no-answer, failed or canceled", examples = "ringing")
        String status,
        @Schema(required = true, description = "Twilio's SequenceNumber: the order of the call's callbacks, from 0",
                examples = "1")
        long sequenceNumber,
        @Schema(implementation = String.class, format = "date-time",
                description = "When it happened, by Twilio's Timestamp (to the second)")
        OffsetDateTime at,
        @Schema(required = true, implementation = String.class, format = "date-time",
                description = "When Callbridge received the callback")
        OffsetDateTime receivedAt,
        @Schema(description = "Twilio's CallDuration in seconds, with the final status", examples = "47")
        Integer durationSeconds,
        @Schema(description = "Twilio's AnsweredBy, when answering machine detection ran", examples = "human")
        String answeredBy) {

    static TimelineEntry of(CallEvent event) {
        return new TimelineEntry(event.status(), event.sequenceNumber(),
                event.occurredAt() == null ? null : event.occurredAt().atOffset(ZoneOffset.UTC),
                event.receivedAt().atOffset(ZoneOffset.UTC), event.durationSeconds(), event.answeredBy());
    }
}
