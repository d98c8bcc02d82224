package dev.callbridge.subscription;

import java.time.Duration;

/** {@link WebhookConfig.Delivery} settings for dispatchers built by hand in plain tests. */
record DeliverySettings(Duration interval, int batchSize, int concurrency, Duration timeout, int maxAttempts,
        Duration firstBackoff, Duration lease, int maxResponseBytes, Duration retention, int maxQueued)
        implements WebhookConfig.Delivery {

    /** Fast passes, short backoffs. */
    static DeliverySettings fast() {
        return new DeliverySettings(Duration.ofMillis(20), 10, 4, Duration.ofSeconds(2), 4, Duration.ofMillis(100),
                Duration.ofSeconds(30), 65536, Duration.ofDays(7), 10000);
    }
}
