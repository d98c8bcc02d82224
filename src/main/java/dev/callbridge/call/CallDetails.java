package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;

/**
 * The answer of {@code GET /api/v1/calls/{callId}}: what Callbridge remembers of the call plus
 * the live state of both legs. The {@code joinUrl} is deliberately left out.
 *
 * @param status   Twilio's status of the phone leg
 * @param twilio   the phone leg
 * @param ultravox the agent conversation
 */
public record CallDetails(
        String callId,
        String twilioCallSid,
        String agentId,
        String to,
        String from,
        OffsetDateTime createdAt,
        String status,
        PhoneLeg twilio,
        Conversation ultravox) {

    /** Twilio's view of the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PhoneLeg(String status, Integer durationSeconds, OffsetDateTime startTime,
            OffsetDateTime endTime) {
    }

    /** Ultravox's view of the call. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Conversation(OffsetDateTime joined, OffsetDateTime ended, String endReason,
            String shortSummary, String summary) {
    }
}
