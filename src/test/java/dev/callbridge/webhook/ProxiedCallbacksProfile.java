package dev.callbridge.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Callbacks behind a TLS-terminating proxy: Twilio calls the public HTTPS URL, the service
 * itself is reached over plain HTTP on the test port, so the two URLs differ. No Ultravox
 * webhook secret is set, as in a production start that sets none.
 */
public class ProxiedCallbacksProfile implements QuarkusTestProfile {

    static final String PUBLIC_BASE_URL = "https://callbridge.example.com";
    static final String AUTH_TOKEN = "callback-test-auth-token";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.public-base-url", PUBLIC_BASE_URL + "/", "twilio.auth-token", AUTH_TOKEN,
                "ultravox.webhook-secrets", "");
    }
}
