package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/** The sandbox points the public base URL at the service itself, unless it is set. */
class SandboxPublicUrlTest {

    private static String publicUrl(Map<String, String> values) {
        ConfigSourceContext context = new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }

            @Override
            public List<String> getProfiles() {
                return List.of("dev");
            }
        };
        Iterator<ConfigSource> sources = new SandboxConfigSourceFactory().getConfigSources(context).iterator();
        return sources.hasNext() ? sources.next().getValue(SandboxConfigSourceFactory.PUBLIC_BASE_URL) : null;
    }

    private static Map<String, String> sandbox(String... pairs) {
        Map<String, String> values = new HashMap<>(Map.of("callbridge.sandbox.enabled", "true",
                "quarkus.http.port", "8089"));
        for (int i = 0; i < pairs.length; i += 2) {
            values.put(pairs[i], pairs[i + 1]);
        }
        return values;
    }

    @Test
    void defaultsToTheServicesOwnAddress() {
        assertThat(publicUrl(sandbox())).isEqualTo("http://localhost:8089");
        assertThat(publicUrl(sandbox("callbridge.public-base-url", "${CALLBRIDGE_PUBLIC_BASE_URL:}")))
                .isEqualTo("http://localhost:8089");
    }

    @Test
    void keepsAUrlThatIsSet() {
        assertThat(publicUrl(sandbox("callbridge.public-base-url", "https://tunnel.example.com"))).isNull();
        assertThat(publicUrl(sandbox("callbridge.public-base-url", "${CALLBRIDGE_PUBLIC_BASE_URL:}",
                "CALLBRIDGE_PUBLIC_BASE_URL", "https://tunnel.example.com"))).isNull();
    }

    @Test
    void leavesItAloneWithTheSandboxOff() {
        assertThat(publicUrl(Map.of("callbridge.sandbox.enabled", "false"))).isNull();
    }
}
