package dev.callbridge.health;

import dev.callbridge.store.StoreConfig;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What Callbridge last learned about its store's database. Immutable; {@link DatabaseHealth}
 * swaps in a new one per check.
 *
 * <p>Unlike a vendor's, the database's state decides readiness: with {@code postgres} every call
 * placement, call lookup and idempotent request goes through it, so a replica that cannot reach
 * it cannot serve (README, "Operations"). With {@code memory} there is no database and the check
 * is always UP.
 *
 * @param store       which store is configured
 * @param lastCheck   when the latest check finished, null before the first one
 * @param lastSuccess when a check last succeeded, null if none has
 * @param up          whether the latest check succeeded
 * @param detail      why the latest check failed, free of secrets; null after a success
 */
public record DatabaseStatus(StoreConfig.Kind store, Instant lastCheck, Instant lastSuccess, boolean up,
        String detail) {

    /** The check's name in the readiness report. */
    public static final String NAME = "database";

    /** The status before any check: UP for {@code memory}, which has no database; DOWN otherwise. */
    public static DatabaseStatus unchecked(StoreConfig.Kind store) {
        return new DatabaseStatus(store, null, null, store == StoreConfig.Kind.MEMORY, null);
    }

    /** The status after a successful check that finished at {@code now}. */
    public DatabaseStatus succeeded(Instant now) {
        return new DatabaseStatus(store, now, now, true, null);
    }

    /** The status after a failed check that finished at {@code now}. */
    public DatabaseStatus failed(Instant now, String why) {
        return new DatabaseStatus(store, now, lastSuccess, false, why);
    }

    /** The readiness check response, with the state as data for operators (never a credential). */
    public HealthCheckResponse readiness() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(NAME).status(up)
                .withData("store", store.name().toLowerCase(Locale.ROOT));
        if (store == StoreConfig.Kind.MEMORY) {
            return builder.build();
        }
        put(builder, "lastCheck", lastCheck);
        put(builder, "lastSuccess", lastSuccess);
        put(builder, "detail", lastCheck == null ? "Not checked yet." : detail);
        return builder.build();
    }

    private static void put(HealthCheckResponseBuilder builder, String key, Object value) {
        if (value != null) {
            builder.withData(key, value.toString());
        }
    }
}
