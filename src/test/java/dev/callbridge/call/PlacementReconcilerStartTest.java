package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callbridge.config.IdempotencyConfig;
import dev.callbridge.resilience.ResilienceConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stale age must exceed the longest placement the vendor timeouts allow, or startup refuses it. */
class PlacementReconcilerStartTest {

    @Test
    void theLongestPlacementAddsUpBothVendorsRetriesAndTheCompensation() {
        ResilienceConfig resilience = config(Map.of(
                "callbridge.resilience.ultravox.create-timeout", "4s",
                "callbridge.resilience.ultravox.create-max-attempts", "3",
                "callbridge.resilience.twilio.create-timeout", "7s",
                "callbridge.resilience.twilio.create-max-attempts", "1",
                "callbridge.resilience.ultravox.read-timeout", "2s",
                "callbridge.resilience.retry.max-attempts", "2",
                "callbridge.resilience.retry.budget", "1s")).getConfigMapping(ResilienceConfig.class);

        // 3 x 4 s + 1 s, 1 x 7 s + 1 s, 2 x 2 s + 1 s.
        assertThat(PlacementReconciler.longestPlacement(resilience)).isEqualTo(Duration.ofSeconds(26));
    }

    @Test
    void aStaleAgeShorterThanTheLongestPlacementRefusesToStart() {
        SmallRyeConfig config = config(Map.of("callbridge.recovery.stale-after", "60s"));

        assertThatThrownBy(() -> start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CALLBRIDGE_RECOVERY_STALE_AFTER (PT1M)")
                .hasMessageContaining("(PT1M14S)");
    }

    @Test
    void anIdempotencyLeaseThatRecoveryCannotBeatRefusesToStart() {
        SmallRyeConfig config = config(Map.of("callbridge.idempotency.lease", "3m"));

        assertThatThrownBy(() -> start(config)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CALLBRIDGE_IDEMPOTENCY_LEASE (PT3M)")
                .hasMessageContaining("(PT4M30S)");
    }

    @Test
    void theDefaultStaleAgeStarts() {
        start(config(Map.of()));
    }

    private static void start(SmallRyeConfig config) {
        Vertx vertx = Vertx.vertx();
        try {
            PlacementReconciler reconciler = new PlacementReconciler(null, null, null,
                    config.getConfigMapping(RecoveryConfig.class), config.getConfigMapping(ResilienceConfig.class),
                    config.getConfigMapping(IdempotencyConfig.class), vertx, new SimpleMeterRegistry(), null);
            reconciler.onStart(null);
            reconciler.onStop(null);
        } finally {
            vertx.closeAndAwait();
        }
    }

    private static SmallRyeConfig config(Map<String, String> values) {
        // Quarkus' own converter reads "30s" and "2m" as the application does.
        return new SmallRyeConfigBuilder().withMapping(ResilienceConfig.class).withMapping(RecoveryConfig.class)
                .withMapping(IdempotencyConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter()).withDefaultValues(values).build();
    }
}
