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
 * @param firstSpeakerSettings who speaks first, or null for the agent's setting
 * @param connection how the legs are connected and what a machine answering gets (nothing recorded yet)
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
        int joinTimeoutSeconds,
        FirstSpeakerSettings firstSpeakerSettings,
        CallPlacement.Connection connection) {

    /**
     * The longest the call can last from its dial: the agent waits {@code joinTimeoutSeconds}
     * for the phone leg, then talks for at most the maximum duration (the client's, or the one
     * Ultravox applies by default).
     */
    java.time.Duration longestLifetime() {
        int talk = maxDurationSeconds == null ? CallRules.ULTRAVOX_DEFAULT_MAX_DURATION_SECONDS : maxDurationSeconds;
        return java.time.Duration.ofSeconds((long) joinTimeoutSeconds + talk);
    }

    @Override
    public String toString() {
        return "ValidatedCall[agentId=" + agentId + ", to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
