package dev.callbridge.call;

import dev.callbridge.phone.PhoneMask;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
 * @param joinTimeout      how long the agent waits for the phone leg, seconds
 * @param firstSpeakerSettings who speaks first; the agent's setting when absent
 */
@Schema(name = "PlaceCallRequest", description = "A phone call to place from an agent.")
public record PlaceCallRequest(
        @Schema(required = true, description = "The number to call, international (E.164) form",
                examples = "+14155552671")
        String to,
        @Schema(description = "Caller id, E.164; defaults to the configured TWILIO_PHONE_NUMBER",
                examples = "+14155550100")
        String from,
        @Schema(implementation = Map.class, additionalProperties = Schema.True.class,
                description = "Values for the agent's `{{variables}}`: any JSON object, within the size and depth limits")
        JsonNode templateContext,
        @Schema(description = "String to string, stored with the Ultravox call (at most 32 entries)")
        Map<String, String> metadata,
        @Schema(minimum = "1", description = "Longest conversation in seconds; the agent's setting when absent")
        Integer maxDuration,
        @Schema(description = "Whether Ultravox records the call; the agent's setting when absent")
        Boolean recordingEnabled,
        @Schema(minimum = "5", maximum = "600", description = "How long to let the phone ring; 60 s when absent")
        Integer timeoutSeconds,
        @Schema(minimum = "10", maximum = "3600", description = "How long, in seconds, the agent waits for the "
                + "phone leg to join before Ultravox ends its call as `unjoined`; when absent, the ring timeout plus "
                + "CALLBRIDGE_CALLS_JOIN_TIMEOUT_MARGIN (30 s), so a late answer still finds the agent")
        Integer joinTimeout,
        @Schema(description = "Who speaks first when the callee answers, overriding the agent's setting")
        FirstSpeakerSettings firstSpeakerSettings) {

    @Override
    public String toString() {
        return "PlaceCallRequest[to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
