package dev.callbridge.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Maps Callbridge's store settings ({@code CALLBRIDGE_STORE}, {@code CALLBRIDGE_DB_*}) onto
 * Quarkus' datasource and Flyway settings, so a deployment sets one switch and one URL.
 *
 * <p>With {@code memory} the datasource and Flyway are switched off
 * ({@code quarkus.datasource.active=false}, {@code quarkus.flyway.active=false}): nothing connects
 * to a database, even when a URL is left in the environment. With {@code postgres} the one URL
 * becomes both the reactive client's ({@code postgresql://…}) and Flyway's JDBC URL
 * ({@code jdbc:postgresql://…}). Without a URL the datasource stays off and
 * {@link StoreSettingsCheck} stops the start with a message naming {@code CALLBRIDGE_DB_URL}.
 *
 * <p>Ordinal {@value #ORDINAL}: above {@code application.properties} (250), below environment
 * variables (300) and system properties, so an operator can still set a {@code quarkus.datasource.*}
 * key directly. Registered through {@code META-INF/services}.
 */
public class StoreConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 260;
    static final String NAME = "CallbridgeStore";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return List.of(new MapBackedConfigSource(NAME, settings(context), ORDINAL) {
        });
    }

    static Map<String, String> settings(ConfigSourceContext context) {
        String url = value(context, "callbridge.store.db.url");
        boolean active = "postgres".equals(lower(value(context, "callbridge.store.kind"))) && url != null;
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.datasource.active", String.valueOf(active));
        settings.put("quarkus.flyway.active", String.valueOf(active));
        if (!active) {
            return settings;
        }
        settings.put("quarkus.datasource.reactive.url", url);
        settings.put("quarkus.datasource.jdbc.url", "jdbc:" + url);
        putIfSet(settings, "quarkus.datasource.username", value(context, "callbridge.store.db.user"));
        putIfSet(settings, "quarkus.datasource.password", value(context, "callbridge.store.db.password"));
        putIfSet(settings, "quarkus.datasource.reactive.max-size", value(context, "callbridge.store.db.pool-size"));
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String key, String value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

    private static String value(ConfigSourceContext context, String key) {
        ConfigValue value = context.getValue(key);
        String raw = value == null ? null : value.getValue();
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
