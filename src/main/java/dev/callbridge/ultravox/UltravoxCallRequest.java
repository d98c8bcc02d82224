package dev.callbridge.ultravox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Body of {@code POST /api/agents/{agentId}/calls} ({@code StartAgentCallRequest}). Only
 * documented fields are present: Ultravox rejects unknown ones with a 400.
 *
 * @param medium           e.g. {@code {"twilio": {}}} for a call carried by Twilio
 * @param templateContext  values for the agent's {@code {{variables}}}
 * @param metadata         string to string; keys must not start with {@code ultravox.}
 * @param maxDuration      protobuf duration such as {@code "600s"}, or null for the agent's
 * @param recordingEnabled null for the agent's setting
 * @param joinTimeout      protobuf duration such as {@code "90s"}: how long the call waits for its
 *                         media to join before it ends as {@code unjoined}
 * @param firstSpeakerSettings who speaks first, e.g. {@code {"agent": {"text": "Hello"}}}; null for the agent's setting
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UltravoxCallRequest(
        JsonNode medium,
        JsonNode templateContext,
        Map<String, String> metadata,
        String maxDuration,
        Boolean recordingEnabled,
        String joinTimeout,
        JsonNode firstSpeakerSettings) {
}
