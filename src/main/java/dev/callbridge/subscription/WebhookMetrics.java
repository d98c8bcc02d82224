package dev.callbridge.subscription;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The meters of outgoing webhooks, registered once: {@code callbridge.webhooks.deliveries{outcome}}
 * (attempts by outcome: {@code delivered}, {@code retrying}, {@code dead}),
 * {@code callbridge.webhooks.queue.depth} (pending deliveries over every subscription, as last
 * counted by this replica's dispatcher), {@code callbridge.webhooks.delivery.latency} (from an
 * event's publication to its acceptance by the receiver) and
 * {@code callbridge.webhooks.attempt.duration} (one HTTP attempt).
 */
public class WebhookMetrics {

    private final Counter delivered;
    private final Counter retrying;
    private final Counter dead;
    private final AtomicLong depth = new AtomicLong();
    private final Timer latency;
    private final Timer attempt;

    WebhookMetrics(MeterRegistry registry) {
        delivered = outcome(registry, "delivered");
        retrying = outcome(registry, "retrying");
        dead = outcome(registry, "dead");
        Gauge.builder("callbridge.webhooks.queue.depth", depth, AtomicLong::get)
                .description("Webhook deliveries waiting to be accepted by their receiver").register(registry);
        latency = Timer.builder("callbridge.webhooks.delivery.latency")
                .description("From an event's publication to its acceptance by the receiver").register(registry);
        attempt = Timer.builder("callbridge.webhooks.attempt.duration")
                .description("One webhook delivery attempt, from connecting to the answer").register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("callbridge.webhooks.deliveries").tag("outcome", outcome)
                .description("Webhook delivery attempts by outcome").register(registry);
    }

    void attempted(Duration took, AttemptOutcome outcome, boolean willRetry, Duration sincePublished) {
        attempt.record(took);
        if (outcome.delivered()) {
            delivered.increment();
            latency.record(sincePublished);
        } else if (willRetry) {
            retrying.increment();
        } else {
            dead.increment();
        }
    }

    void depth(long pending) {
        depth.set(pending);
    }
}
