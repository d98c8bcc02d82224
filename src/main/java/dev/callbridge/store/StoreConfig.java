package dev.callbridge.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Where Callbridge keeps idempotency keys and call records (prefix {@code callbridge.store}).
 * {@link StoreConfigSourceFactory} maps these settings onto Quarkus' datasource and Flyway.
 */
@ConfigMapping(prefix = "callbridge.store")
public interface StoreConfig {

    /** The kinds of store. */
    enum Kind {
        /** This process' memory: one instance, forgotten on restart. */
        MEMORY,
        /** PostgreSQL: shared by every replica and kept across restarts. */
        POSTGRES
    }

    /** Which store ({@code CALLBRIDGE_STORE}: {@code memory} or {@code postgres}). */
    @WithDefault("memory")
    Kind kind();

    /** The PostgreSQL database, used only with {@code postgres}. */
    Db db();

    /** How often expired keys and calls are deleted from PostgreSQL ({@code CALLBRIDGE_DB_PURGE_INTERVAL}). */
    @WithDefault("10m")
    Duration purgeInterval();

    /** Connection settings of the PostgreSQL database. */
    interface Db {

        /** {@code postgresql://host:port/database} ({@code CALLBRIDGE_DB_URL}). */
        Optional<String> url();

        /** Database user ({@code CALLBRIDGE_DB_USER}). */
        Optional<String> user();

        /** Database password ({@code CALLBRIDGE_DB_PASSWORD}). */
        Optional<String> password();

        /** Most connections this instance opens for requests ({@code CALLBRIDGE_DB_POOL_SIZE}). */
        @WithDefault("10")
        int poolSize();
    }
}
