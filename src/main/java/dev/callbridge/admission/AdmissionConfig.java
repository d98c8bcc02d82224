package dev.callbridge.admission;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How many call pipelines may run at once and how they end at shutdown (prefix
 * {@code callbridge.admission}).
 */
@ConfigMapping(prefix = "callbridge.admission")
public interface AdmissionConfig {

    /**
     * Most call placements in flight at once ({@code CALLBRIDGE_MAX_IN_FLIGHT_CALLS}); more are
     * refused at once with 503 and {@code Retry-After}. Sized from the benchmark target: 300
     * calls/s at 400 ms upstream latency keep 120 pipelines busy; 400 leaves room for
     * latency spikes while bounding memory, sockets and threads.
     */
    @WithDefault("400")
    int maxInFlight();

    /** The {@code Retry-After} sent with a refused call placement. */
    @WithDefault("1s")
    Duration retryAfter();

    /**
     * How long call placements already running may take to finish after shutdown begins
     * ({@code CALLBRIDGE_SHUTDOWN_GRACE}); new ones are refused meanwhile. Together with
     * {@code quarkus.shutdown.timeout} it must stay below the pod's
     * {@code terminationGracePeriodSeconds}.
     */
    @WithDefault("30s")
    Duration drainGrace();
}
