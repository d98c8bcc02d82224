package dev.callbridge.health;

import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What Callbridge last learned about one vendor: the latest outcome and when the vendor
 * last answered successfully. Immutable; {@link VendorHealth} swaps in a new one per check.
 *
 * @param vendor      the vendor's name
 * @param lastCheck   when the latest check finished, null before the first one
 * @param lastSuccess when a check last succeeded, null if none has
 * @param outcome     the latest outcome, null before the first check
 */
public record VendorStatus(String vendor, Instant lastCheck, Instant lastSuccess, ProbeOutcome outcome) {

    /** The status before any check has run: not ready. */
    public static VendorStatus unchecked(String vendor) {
        return new VendorStatus(vendor, null, null, null);
    }

    /** The status after a check that finished at {@code now}. */
    public VendorStatus after(ProbeOutcome latest, Instant now) {
        return new VendorStatus(vendor, now, latest.reachable() ? now : lastSuccess, latest);
    }

    /** Whether the latest check succeeded. */
    public boolean up() {
        return outcome != null && outcome.reachable();
    }

    /** The readiness check response, with data for operators and never a secret. */
    public HealthCheckResponse toResponse() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(vendor).status(up())
                .withData("vendor", vendor);
        put(builder, "lastCheck", lastCheck);
        put(builder, "lastSuccess", lastSuccess);
        if (outcome == null) {
            return builder.withData("detail", "Not checked yet.").build();
        }
        if (outcome.status() != null) {
            builder.withData("lastErrorStatus", outcome.status().longValue());
        }
        put(builder, "lastErrorCode", outcome.code());
        put(builder, "detail", outcome.detail());
        return builder.build();
    }

    private static void put(HealthCheckResponseBuilder builder, String key, Object value) {
        if (value != null) {
            builder.withData(key, value.toString());
        }
    }
}
