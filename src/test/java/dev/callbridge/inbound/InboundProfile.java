package dev.callbridge.inbound;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Inbound calls against WireMock behind a proxy: Twilio signs the public HTTPS URL while the test
 * reaches the service on the test port. The answer budget (800 ms) is shorter than Ultravox's create
 * timeout (3 s here) and its client's read timeout (2 s), so that a slow Ultravox runs the answer
 * budget out first.
 */
public class InboundProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE_URL = "https://callbridge.example.com";
    public static final String FALLBACK_MESSAGE = "Sorry & goodbye <for now>";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.public-base-url", PUBLIC_BASE_URL,
                "callbridge.inbound.answer-budget", "800ms",
                "callbridge.inbound.fallback.message", FALLBACK_MESSAGE,
                "%test.callbridge.resilience.ultravox.create-timeout", "3s",
                "ultravox.webhook-secrets", "");
    }
}
