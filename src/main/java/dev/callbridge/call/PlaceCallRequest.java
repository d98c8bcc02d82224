package dev.callbridge.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Body of {@code POST /api/v1/agents/{agentId}/calls}.
 *
 * @param to               callee, E.164 ({@code +14155550123})
 * @param from             caller id, E.164; defaults to {@code TWILIO_PHONE_NUMBER}
 * @param templateContext  values for the agent's {@code {{variables}}}: any JSON object, within limits
 * @param metadata         string to string, stored with the Ultravox call
 * @param maxDuration      longest conversation in seconds; the agent's setting when absent
 * @param recordingEnabled whether Ultravox records the call; the agent's setting when absent
 * @param timeoutSeconds   how long to let the phone ring (5–600); Twilio's 60 s when absent
 */
public record PlaceCallRequest(
        String to,
        String from,
        JsonNode templateContext,
        Map<String, String> metadata,
        Integer maxDuration,
        Boolean recordingEnabled,
        Integer timeoutSeconds) {

    @Override
    public String toString() {
        return "PlaceCallRequest[to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
