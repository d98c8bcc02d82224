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
 * @param connectMode      {@code inline}, {@code parallel} or {@code on-answer} (see {@link ConnectMode});
 *                         {@code CALLBRIDGE_CALLS_CONNECT_MODE} when absent
 * @param machineDetection {@code off}, {@code hang-up} or {@code leave-message} (see {@link MachineDetection})
 * @param voicemailMessage what a machine is told after its beep with {@code leave-message}
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
        FirstSpeakerSettings firstSpeakerSettings,
        @Schema(enumeration = {"inline", "parallel", "on-answer"}, description = "How the agent and the phone are "
                + "connected. `inline`: the agent call first, then the dial (the agent is ready the moment the callee "
                + "answers). `parallel`: both at once, the phone rings sooner; should the agent call fail, the ringing "
                + "phone is cancelled (it may ring briefly). `on-answer`: the dial first, the agent call only when the "
                + "callee answers (no agent call for unanswered calls; the callee waits for the greeting as long as "
                + "Ultravox takes to create the call). `parallel` and `on-answer` need CALLBRIDGE_PUBLIC_BASE_URL. "
                + "Default: CALLBRIDGE_CALLS_CONNECT_MODE (`inline`)")
        String connectMode,
        @Schema(enumeration = {"off", "hang-up", "leave-message"}, description = "Answering-machine detection "
                + "(Twilio's, asynchronous: a human hears the agent at once). `hang-up`: a machine or fax is hung up "
                + "on when detected. `leave-message`: after a machine's beep, `voicemailMessage` is spoken and the "
                + "call ends, or without one the agent keeps talking; a fax is hung up on. The result is the call's "
                + "`answeredBy`. Needs CALLBRIDGE_PUBLIC_BASE_URL. Default `off`")
        String machineDetection,
        @Schema(minLength = 1, maxLength = 1000, description = "With `machineDetection` `leave-message`: what an "
                + "answering machine is told after its beep, before the call ends")
        String voicemailMessage) {

    @Override
    public String toString() {
        return "PlaceCallRequest[to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
