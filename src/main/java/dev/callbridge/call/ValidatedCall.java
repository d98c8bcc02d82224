package dev.callbridge.call;

import dev.callbridge.phone.PhoneMask;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A call request that passed {@link CallRules}: numbers in E.164, limits checked.
 *
 * @param fromIsConfigured true when {@code from} is the server's default caller id
 * @param joinTimeoutSeconds how long the agent waits for the phone leg: the client's, or the
 *                   ring timeout plus the configured margin
 */
record ValidatedCall(
        String agentId,
        String to,
        String from,
        boolean fromIsConfigured,
        JsonNode templateContext,
        Map<String, String> metadata,
        Integer maxDurationSeconds,
        Boolean recordingEnabled,
        Optional<Integer> ringTimeoutSeconds,
        int joinTimeoutSeconds) {

    @Override
    public String toString() {
        return "ValidatedCall[agentId=" + agentId + ", to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
