package dev.callbridge.testing;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts one WireMock server on a random loopback port standing in for both Ultravox and
 * Twilio, and points Callbridge's clients at it. Tests receive it through
 * {@link InjectWireMock}.
 */
public class WireMockVendors implements QuarkusTestResourceLifecycleManager {

    /** Ultravox key configured for tests; WireMock checks it arrives as X-API-Key. */
    public static final String ULTRAVOX_KEY = "uvTestKey.0123456789abcdefghijABCDEFGHIJ0123";
    /** Twilio credentials configured for tests. */
    public static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_TOKEN = "twilio-test-auth-token-5f9c2d";
    public static final String TWILIO_NUMBER = "+14155550100";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "ultravox.base-url", base,
                "ultravox.api-key", ULTRAVOX_KEY,
                "quarkus.rest-client.ultravox.read-timeout", "2000",
                "twilio.base-url", base,
                "twilio.account-sid", TWILIO_SID,
                "twilio.auth-token", TWILIO_TOKEN,
                "twilio.phone-number", TWILIO_NUMBER);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(InjectWireMock.class,
                WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
