package dev.callbridge.sandbox;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link SandboxProfile} with both vendors holding their call-creation answers for
 * {@link #DELAY}. A profile of its own (one more Quarkus start), because every other sandbox
 * test wants prompt answers.
 */
public class SandboxDelayProfile extends SandboxProfile {

    /** Long enough that a test can look at the created call while its answer is still held. */
    public static final Duration DELAY = Duration.ofSeconds(3);

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("callbridge.sandbox.delay.ultravox-call-create", DELAY.toSeconds() + "s");
        overrides.put("callbridge.sandbox.delay.twilio-call-create", DELAY.toSeconds() + "s");
        return overrides;
    }
}
