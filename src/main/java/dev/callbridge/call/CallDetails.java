package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/calls/{id}}, and the {@code data} of every {@code call.*}
 * event: what the ledger recorded of the placement plus the state of both legs. While a dialled
 * call goes on, the legs are read live from the vendors; once both reported their end
 * ({@code endedAt}), they come from the ledger and no vendor is asked. A placement that never
 * reached Twilio has no legs: its ids, status and legs are absent and {@code placement} tells
 * how far it got. The {@code joinUrl} is deliberately left out.
 *
 * @param status    Twilio's status of the phone leg
 * @param answeredBy who answered, by Twilio's answering-machine detection; null without a result
 * @param twilio    the phone leg
 * @param ultravox  the agent conversation
 * @param placement the ledger's record: steps, ids, error
 * @param timeline  every step of the call: Callbridge's, Twilio's callbacks and Ultravox's webhooks
 * @param endedAt   when both legs had reported their end; null while the call is not final
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CallDetails", description = "A call placement and, once it was dialled, the live state of both legs.")
public record CallDetails(
        @Schema(description = "Ultravox's call id; absent when the placement failed before Ultravox created the call")
        String callId,
        @Schema(description = "Twilio's SID; absent when the placement never reached Twilio") String twilioCallSid,
        @Schema(required = true) String agentId,
        @Schema(required = true, examples = "+14155552671") String to,
        @Schema(required = true, examples = "+14155550100") String from,
        @Schema(required = true, implementation = String.class, format = "date-time") OffsetDateTime createdAt,
        @Schema(description = "Twilio's status of the phone leg: queued, ringing, in-progress, "
                + "completed, busy, no-answer, canceled or failed; absent when the placement was not dialled",
                examples = "in-progress")
        String status,
        @Schema(examples = "human", description = "Who answered, by Twilio's answering-machine detection (the "
                + "placement's `machineDetection`), as in `placement.answeredBy`; absent when detection is off or "
                + "has not reported. In the `call.ended` event when the result came before the call's end")
        String answeredBy,
        @Schema(description = "Live state of the phone leg; absent when the placement was not dialled") PhoneLeg twilio,
        @Schema(description = "Live state of the conversation; absent when the placement was not dialled")
        Conversation ultravox,
        @Schema(required = true) PlacementView placement,
        @Schema(required = true, description = "Every step of the call in order: Callbridge's own steps, Twilio's "
                + "status callbacks (in SequenceNumber order) and Ultravox's webhooks. Without "
                + "CALLBRIDGE_PUBLIC_BASE_URL no callbacks are requested, and only Callbridge's steps (and a "
                + "follow-up's findings) appear.")
        List<TimelineEntry> timeline,
        @Schema(implementation = String.class, format = "date-time", description = "When both legs had reported "
                + "their end: the call is final, and its legs are shown from the ledger; absent until then")
        OffsetDateTime endedAt) {

    /** Twilio's view of the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "PhoneLeg", description = "Twilio's view of the call; fields appear once Twilio reports them.")
    public record PhoneLeg(String status, Integer durationSeconds,
            @Schema(implementation = String.class, format = "date-time") OffsetDateTime startTime,
            @Schema(implementation = String.class, format = "date-time") OffsetDateTime endTime) {
    }

    /** Ultravox's view of the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Conversation", description = "Ultravox's view of the call; fields appear once Ultravox reports them.")
    public record Conversation(@Schema(implementation = String.class, format = "date-time") OffsetDateTime joined,
            @Schema(implementation = String.class, format = "date-time") OffsetDateTime ended, String endReason, String shortSummary, String summary) {
    }
}
