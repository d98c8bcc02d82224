package dev.callbridge.call;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Callbridge behind a public HTTPS URL, so Twilio can be given its webhooks' URLs, against WireMock. */
public class MachineDetectionProfile implements QuarkusTestProfile {

    public static final String PUBLIC_BASE_URL = "https://callbridge.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.public-base-url", PUBLIC_BASE_URL, "ultravox.webhook-secrets", "");
    }
}
