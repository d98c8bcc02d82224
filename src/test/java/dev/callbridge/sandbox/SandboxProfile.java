package dev.callbridge.sandbox;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The one test profile that turns the sandbox on. Every sandbox test (and any end-to-end test
 * through the simulator) uses it, so Quarkus restarts only once for all of them. Simulated
 * time runs 100 times faster: a whole call plays in about 90 ms. The simulated Twilio waits
 * {@value #VOICE_WEBHOOK_TIMEOUT} (real time) for a voice webhook's TwiML, not Twilio's 15 s.
 * The fax and the answering machine stay on the line for {@value #CALLEE_STAYS} simulated
 * (half a minute real), not 3 s and 120 s: a test waits for what it checks (a stream joined, a
 * detection result) and then hangs up, and nothing it checks is gone before a busy machine
 * gets to it. Their own hang-ups are played on a manual clock ({@code SandboxTimelineTest}).
 */
public class SandboxProfile implements QuarkusTestProfile {

    /** Simulated seconds per real second in tests. */
    public static final double SPEED = 100;
    /** The simulated Twilio's wait for a voice webhook's answer in tests. */
    public static final String VOICE_WEBHOOK_TIMEOUT = "3s";
    /** How long, in simulated time, the fax and the answering machine (after its beep) stay on the line in tests. */
    public static final String CALLEE_STAYS = "3000s";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "callbridge.sandbox.enabled", "true",
                "callbridge.sandbox.speed", Double.toString(SPEED),
                "callbridge.sandbox.max-concurrent-calls", "5",
                "callbridge.sandbox.voice-webhook-timeout", VOICE_WEBHOOK_TIMEOUT,
                "callbridge.sandbox.callee.fax-hangs-up-after", CALLEE_STAYS,
                "callbridge.sandbox.callee.machine-records-for", CALLEE_STAYS);
    }
}
