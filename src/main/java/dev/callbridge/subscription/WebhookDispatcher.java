package dev.callbridge.subscription;

import dev.callbridge.store.ExpiringStore;
import dev.callbridge.store.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.ClientProxy;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Delivers the outbox. Every replica runs one: each {@code CALLBRIDGE_WEBHOOK_INTERVAL} (and at
 * once again after a pass that found work) it claims due deliveries from the store, leased so
 * that no other replica attempts them meanwhile, and sends them with at most
 * {@code CALLBRIDGE_WEBHOOK_CONCURRENCY} requests open. A claim holds at most one delivery per
 * call and subscription, the earliest pending one, so a call's events arrive in order, each
 * after the one before it was delivered or given up. Nothing here blocks an event-loop thread:
 * DNS lookups run on the worker pool, requests on the non-blocking HTTP client.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private final SubscriptionStore store;
    private final WebhookTargets targets;
    private final EventSender sender;
    private final WebhookConfig.Delivery config;
    private final Backoff backoff;
    private final WebhookMetrics metrics;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration purgeInterval;
    /** A pass that outlasts the interval is not overlapped by the next one. */
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile boolean stopped;
    private long timer = -1;
    private long purgeTimer = -1;

    @Inject
    WebhookDispatcher(SubscriptionStore store, WebhookConfig config, StoreConfig storeConfig, Vertx vertx,
            MeterRegistry registry) {
        this(store, new WebhookTargets(config.allowPrivateTargets(), config.maxUrlLength()),
                new EventSender(vertx, config.delivery()), config.delivery(), vertx, registry, Clock.systemUTC(),
                storeConfig.purgeInterval());
    }

    WebhookDispatcher(SubscriptionStore store, WebhookTargets targets, EventSender sender,
            WebhookConfig.Delivery config, Vertx vertx, MeterRegistry registry, Clock clock, Duration purgeInterval) {
        this.store = store;
        this.targets = targets;
        this.sender = sender;
        this.config = config;
        this.backoff = new Backoff(config.firstBackoff(), config.maxAttempts());
        this.metrics = new WebhookMetrics(registry);
        this.vertx = vertx;
        this.clock = clock;
        this.purgeInterval = purgeInterval;
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts the passes, after checking that a claim outlasts the longest pass. */
    void start() {
        Duration longestPass = longestPass(config);
        if (config.lease().compareTo(longestPass) <= 0) {
            throw new IllegalStateException("Callbridge cannot start: CALLBRIDGE_WEBHOOK_LEASE (" + config.lease()
                    + ") must be longer than the longest delivery pass (" + longestPass + ": a DNS lookup and a "
                    + "request of CALLBRIDGE_WEBHOOK_TIMEOUT each, in rounds of CALLBRIDGE_WEBHOOK_CONCURRENCY "
                    + "over CALLBRIDGE_WEBHOOK_BATCH_SIZE), or another replica could send a delivery twice at once.");
        }
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> runPass());
        purgeTimer = vertx.setPeriodic(purgeInterval.toMillis(), id -> purge());
    }

    /** Stops scheduling passes and closes the HTTP client. */
    void stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            vertx.cancelTimer(purgeTimer);
        }
        sender.close();
    }

    /** The longest one pass can take: per round of concurrent attempts, a lookup and a request. */
    static Duration longestPass(WebhookConfig.Delivery config) {
        long rounds = (config.batchSize() + config.concurrency() - 1) / config.concurrency();
        return config.timeout().multipliedBy(2 * rounds);
    }

    private void runPass() {
        pass().subscribe().with(worked -> {
            if (worked > 0 && !stopped) {
                // More may be due at once: the next event of each call just delivered.
                vertx.runOnContext(v -> runPass());
            }
        }, failure -> {
            // A pass caught by shutdown fails as its pool closes: nothing to warn about, its
            // deliveries stay due and the next start (or another replica) makes them.
            if (stopped) {
                Log.debugf("Webhook delivery pass ended by shutdown: %s", failure.toString());
            } else {
                Log.warnf("Webhook delivery pass failed: %s", failure.toString());
            }
        });
    }

    /** One pass: claims due deliveries and attempts each; answers how many were attempted. */
    Uni<Integer> pass() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return store.claimDue(clock.instant(), config.lease(), config.batchSize())
                .flatMap(this::attemptAll)
                .call(attempted -> store.pending().invoke(metrics::depth))
                .ifNoItem().after(config.lease()).fail()
                .eventually(() -> running.set(false));
    }

    private Uni<Integer> attemptAll(List<ClaimedDelivery> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(claimed)
                .onItem().transformToUni(this::attempt).merge(config.concurrency())
                .collect().asList().map(List::size);
    }

    private Uni<Void> attempt(ClaimedDelivery claim) {
        Instant started = clock.instant();
        return resolve(claim.url())
                .flatMap(address -> sender.send(claim, address, started.getEpochSecond()))
                .onFailure().recoverWithItem(failure -> AttemptOutcome.failed(failure instanceof
                        WebhookTargets.RefusedTarget ? failure.getMessage() : failure.toString()))
                .flatMap(outcome -> record(claim, outcome, started))
                .onFailure().recoverWithUni(failure -> {
                    // The claim lapses with its lease and the delivery is attempted again.
                    Log.warnf("Recording the outcome of webhook delivery %s failed: %s", claim.delivery().eventId(),
                            failure.toString());
                    return Uni.createFrom().voidItem();
                });
    }

    private Uni<InetAddress> resolve(String url) {
        return Uni.createFrom().completionStage(() -> vertx.<InetAddress>executeBlocking(
                () -> targets.resolve(url).get(0), false).toCompletionStage());
    }

    private Uni<Void> record(ClaimedDelivery claim, AttemptOutcome outcome, Instant started) {
        Instant now = clock.instant();
        int attempts = claim.delivery().attempts() + 1;
        Instant retryAt = outcome.delivered() ? null : backoff.retryAt(attempts, now);
        metrics.attempted(Duration.between(started, now), outcome, retryAt != null,
                Duration.between(claim.delivery().createdAt(), now));
        log(claim, outcome, attempts, retryAt);
        return store.record(claim, outcome, now, retryAt);
    }

    private static void log(ClaimedDelivery claim, AttemptOutcome outcome, int attempts, Instant retryAt) {
        Delivery d = claim.delivery();
        // The host only: a URL's path or query may hold the receiver's own token.
        String host = URI.create(claim.url()).getHost();
        if (outcome.delivered()) {
            Log.debugf("Webhook %s %s delivered to %s (subscription %s, attempt %d)", d.type(), d.eventId(), host,
                    d.subscriptionId(), attempts);
        } else if (retryAt != null) {
            Log.infof("Webhook %s %s to %s failed (subscription %s, attempt %d), next at %s: %s", d.type(),
                    d.eventId(), host, d.subscriptionId(), attempts, retryAt, outcome.error());
        } else {
            Log.warnf("Webhook %s %s to %s is dead after %d attempts (subscription %s): %s", d.type(), d.eventId(),
                    host, attempts, d.subscriptionId(), outcome.error());
        }
    }

    private void purge() {
        if (ClientProxy.unwrap(store) instanceof ExpiringStore expiring) {
            expiring.purgeExpired().subscribe().with(
                    deleted -> Log.debugf("Purged %d finished webhook deliveries", deleted),
                    failure -> Log.warnf("Purging finished webhook deliveries failed: %s", failure.toString()));
        }
    }
}
