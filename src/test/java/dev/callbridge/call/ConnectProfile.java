package dev.callbridge.call;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Placed calls whose Twilio leg reaches Callbridge's webhooks behind a proxy: Twilio signs the
 * public HTTPS URL while the test reaches the service on the test port. The connect budget
 * (800 ms) is shorter than Ultravox's create timeout (3 s here) and its client's read timeout
 * (2 s), so a slow Ultravox runs the budget out first.
 */
public class ConnectProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE_URL = "https://callbridge.example.com";
    public static final String APOLOGY = "Sorry & goodbye";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.public-base-url", PUBLIC_BASE_URL,
                "%test.callbridge.calls.connect-budget", "800ms",
                "%test.callbridge.calls.apology-message", APOLOGY,
                "%test.callbridge.resilience.ultravox.create-timeout", "3s",
                "ultravox.webhook-secrets", "");
    }
}
