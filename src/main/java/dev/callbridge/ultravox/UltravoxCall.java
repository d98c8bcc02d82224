package dev.callbridge.ultravox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The parts of an Ultravox call that Callbridge reads. {@code joinUrl} is a credential for
 * the call's media stream: it must never be logged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UltravoxCall(
        String callId,
        String agentId,
        String joinUrl,
        OffsetDateTime created,
        OffsetDateTime joined,
        OffsetDateTime ended,
        String endReason,
        String shortSummary,
        String summary,
        Map<String, String> metadata) {

    @Override
    public String toString() {
        return "UltravoxCall[callId=" + callId + ", agentId=" + agentId + ", endReason=" + endReason + "]";
    }
}
