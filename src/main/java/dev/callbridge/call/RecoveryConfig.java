package dev.callbridge.call;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Recovery of placements that a crashed or killed process left unsettled (prefix
 * {@code callbridge.recovery}); see {@link PlacementReconciler}.
 */
@ConfigMapping(prefix = "callbridge.recovery")
public interface RecoveryConfig {

    /** How often every replica looks for unsettled placements ({@code CALLBRIDGE_RECOVERY_INTERVAL}). */
    @WithDefault("30s")
    Duration interval();

    /**
     * How long after its acceptance a placement that is still unsettled is taken to be abandoned
     * ({@code CALLBRIDGE_RECOVERY_STALE_AFTER}). It must exceed the longest a live placement can
     * run with the configured vendor timeouts and retries (74 s with the defaults); startup
     * refuses a shorter value.
     */
    @WithDefault("2m")
    Duration staleAfter();

    /** Most placements one replica settles per pass ({@code CALLBRIDGE_RECOVERY_BATCH_SIZE}). */
    @WithDefault("20")
    int batchSize();
}
