package dev.callbridge.sandbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The one test profile that turns the sandbox on. Every sandbox test (and any end-to-end test
 * through the simulator) uses it, so Quarkus restarts only once for all of them. Simulated
 * time runs 100 times faster: a whole call plays in about 90 ms. The simulated Twilio waits
 * {@value #VOICE_WEBHOOK_TIMEOUT} (real time) for a voice webhook's TwiML, not Twilio's 15 s.
 */
public class SandboxProfile implements QuarkusTestProfile {

    /** Simulated seconds per real second in tests. */
    public static final double SPEED = 100;
    /** The simulated Twilio's wait for a voice webhook's answer in tests. */
    public static final String VOICE_WEBHOOK_TIMEOUT = "3s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "callbridge.sandbox.enabled", "true",
                "callbridge.sandbox.speed", Double.toString(SPEED),
                "callbridge.sandbox.max-concurrent-calls", "5",
                "callbridge.sandbox.voice-webhook-timeout", VOICE_WEBHOOK_TIMEOUT);
    }
}
