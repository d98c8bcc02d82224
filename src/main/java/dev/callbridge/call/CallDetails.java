package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/calls/{callId}}: what Callbridge remembers of the call plus
 * the live state of both legs. The {@code joinUrl} is deliberately left out.
 *
 * @param status   Twilio's status of the phone leg
 * @param twilio   the phone leg
 * @param ultravox the agent conversation
 */
@Schema(name = "CallDetails", description = "A placed call and the live state of both legs.")
public record CallDetails(
        @Schema(required = true) String callId,
        @Schema(required = true) String twilioCallSid,
        @Schema(required = true) String agentId,
        @Schema(required = true, examples = "+14155552671") String to,
        @Schema(required = true, examples = "+14155550100") String from,
        @Schema(required = true, implementation = String.class, format = "date-time") OffsetDateTime createdAt,
        @Schema(required = true, description = "Twilio's status of the phone leg: queued, ringing, in-progress, "
                + "completed, busy, no-answer, canceled or failed", examples = "in-progress")
        String status,
        @Schema(required = true) PhoneLeg twilio,
        @Schema(required = true) Conversation ultravox) {

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
