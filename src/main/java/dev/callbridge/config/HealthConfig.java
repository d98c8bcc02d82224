package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How Callbridge learns whether the vendors are reachable (prefix {@code callbridge.health}). Vendors are checked in the background and the result is
 * cached, so a probe request never waits on a vendor.
 */
@ConfigMapping(prefix = "callbridge.health")
public interface HealthConfig {

    /** Time between two background checks of the vendors ({@code CALLBRIDGE_HEALTH_INTERVAL}). */
    @WithDefault("30s")
    Duration interval();

    /** Longest wait for one vendor's answer before it counts as down ({@code CALLBRIDGE_HEALTH_TIMEOUT}). */
    @WithDefault("5s")
    Duration timeout();

    /**
     * Wait before the first retry when a check fails while the service starts
     * ({@code CALLBRIDGE_HEALTH_STARTUP_RETRY}); it doubles on each failure, up to
     * {@link #interval()}, until every vendor has answered successfully once.
     */
    @WithDefault("1s")
    Duration startupRetry();

    /**
     * Whether the checks run on their own schedule. Tests switch it off and trigger checks
     * themselves, so background requests never land in their WireMock journals.
     */
    @WithDefault("true")
    boolean background();
}
