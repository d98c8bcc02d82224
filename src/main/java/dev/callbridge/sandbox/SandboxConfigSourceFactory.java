package dev.callbridge.sandbox;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Points Callbridge's vendor settings at the sandbox when {@code callbridge.sandbox.enabled}
 * is true: base URLs on this instance's own port, and the fixed {@link SandboxCredentials}.
 * Unless it is set, the public base URL becomes this instance's own address too, so the
 * sandbox's signed Twilio status callbacks come back to {@code /webhooks/twilio/call-status} and
 * its Ultravox account webhook is registered for {@code /webhooks/ultravox}.
 *
 * <p>The rule is all or nothing: with the sandbox on, it owns every vendor setting, above
 * environment variables, system properties and test resources (ordinal {@value #ORDINAL}), so a
 * real key left in the environment is never sent to the simulator and a half-real setup
 * cannot happen. To use real accounts, switch the sandbox off. Registered through
 * {@code META-INF/services}, so no other package needs to know about it.
 */
public class SandboxConfigSourceFactory implements ConfigSourceFactory {

    /** Above system properties (400) and Quarkus test resources. */
    static final int ORDINAL = 600;
    static final String NAME = "CallbridgeSandbox";
    static final String PUBLIC_BASE_URL = "callbridge.public-base-url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!enabled(context)) {
            return List.of();
        }
        String self = "http://localhost:" + port(context);
        String base = self + "/sandbox";
        Map<String, String> settings = new HashMap<>(Map.of(
                "ultravox.base-url", base + "/ultravox",
                "ultravox.api-key", SandboxCredentials.ULTRAVOX_API_KEY,
                "twilio.base-url", base + "/twilio",
                "twilio.account-sid", SandboxCredentials.TWILIO_ACCOUNT_SID,
                "twilio.auth-token", SandboxCredentials.TWILIO_AUTH_TOKEN,
                "twilio.phone-number", SandboxCredentials.TWILIO_PHONE_NUMBER));
        if (!publicBaseUrlSet(context)) {
            // Not a vendor setting: a URL that is set (a tunnel to this instance, say) is kept.
            settings.put(PUBLIC_BASE_URL, self);
        }
        return List.of(new MapBackedConfigSource(NAME, Map.copyOf(settings), ORDINAL) {
        });
    }

    /**
     * Whether the public base URL is set by anyone else. application.properties maps it to
     * {@code ${CALLBRIDGE_PUBLIC_BASE_URL:}}, which this early context may hand back unexpanded,
     * so the variable is then asked directly.
     */
    private static boolean publicBaseUrlSet(ConfigSourceContext context) {
        String value = raw(context, PUBLIC_BASE_URL);
        if (value != null && value.contains("${")) {
            value = raw(context, "CALLBRIDGE_PUBLIC_BASE_URL");
        }
        return value != null && !value.isBlank();
    }

    private static String raw(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    private static boolean enabled(ConfigSourceContext context) {
        ConfigValue value = context.getValue("callbridge.sandbox.enabled");
        return value != null && value.getValue() != null && Boolean.parseBoolean(value.getValue().trim());
    }

    /** The port this instance serves HTTP on: the test port under the test profile. */
    static int port(ConfigSourceContext context) {
        boolean test = context.getProfiles().contains("test");
        String key = test ? "quarkus.http.test-port" : "quarkus.http.port";
        ConfigValue value = context.getValue(key);
        String raw = value == null ? null : value.getValue();
        if (raw == null || raw.isBlank()) {
            return test ? 8081 : 8080;
        }
        return Integer.parseInt(raw.trim());
    }
}
