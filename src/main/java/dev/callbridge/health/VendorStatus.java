package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What Callbridge last learned about one vendor: the latest outcome and when the vendor
 * last answered successfully. Immutable; {@link VendorHealth} swaps in a new one per check.
 *
 * <p>Two questions are answered from it. <em>Is the vendor up?</em> ({@link #up()}, the
 * wellness check and the {@code callbridge.vendor.up} gauge): did the latest check succeed.
 * <em>Should this instance receive traffic?</em> ({@link #ready()}, the readiness check): yes
 * even while the vendor is slow or down, because every replica shares the vendor, and taking
 * them all out of the Service would turn Callbridge's fast 502/503 problems into refused
 * connections; no only before the first check, and while the vendor refuses credentials it has
 * never accepted in this process, which is a bad deployment that a rollout should not pass.
 *
 * @param vendor      the vendor's name
 * @param lastCheck   when the latest check finished, null before the first one
 * @param lastSuccess when a check last succeeded, null if none has
 * @param outcome     the latest outcome, null before the first check
 */
public record VendorStatus(Vendor vendor, Instant lastCheck, Instant lastSuccess, ProbeOutcome outcome) {

    /** The status before any check has run: not ready. */
    public static VendorStatus unchecked(Vendor vendor) {
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

    /**
     * Whether the vendor lets this instance serve: checked at least once, and not refusing
     * credentials that no check of this process has seen accepted.
     */
    public boolean ready() {
        return outcome != null && !(outcome.credentialsRefused() && lastSuccess == null);
    }

    /** The readiness check response: {@link #ready()}, with the vendor's state as data. */
    public HealthCheckResponse readiness() {
        return describe(HealthCheckResponse.named(vendor.tag()).status(ready()));
    }

    /** The wellness check response, named {@code <vendor>-reachable}: {@link #up()}, same data. */
    public HealthCheckResponse wellness() {
        return describe(HealthCheckResponse.named(vendor.tag() + "-reachable").status(up()));
    }

    /** Data for operators, never a secret. */
    private HealthCheckResponse describe(HealthCheckResponseBuilder builder) {
        builder.withData("vendor", vendor.tag()).withData("reachable", up());
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
