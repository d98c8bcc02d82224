package dev.callbridge.resilience;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.metrics.UpstreamMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one vendor's operations under that vendor's policies: a timeout per attempt, retries
 * where the {@link RetryRule} of the operation allows them, and the vendor's
 * {@link CircuitBreaker}. Every outcome is counted in
 * {@code callbridge.vendor.requests{vendor,operation,outcome}}, every retry in
 * {@code callbridge.vendor.retries{vendor,operation}}; latency and errors by status class
 * through {@link UpstreamMetrics}.
 */
public final class VendorGuard {

    /** How one class of operations is run. */
    record Policy(Duration timeout, RetryRule retry, boolean evenWhenOpen) {
    }

    private final Vendor vendor;
    private final CircuitBreaker breaker;
    private final Map<OperationKind, Policy> policies;
    private final MeterRegistry meters;
    private final UpstreamMetrics upstream;

    VendorGuard(Vendor vendor, CircuitBreaker breaker, Map<OperationKind, Policy> policies,
            MeterRegistry meters) {
        this.vendor = vendor;
        this.breaker = breaker;
        this.policies = new EnumMap<>(policies);
        this.meters = meters;
        this.upstream = new UpstreamMetrics(meters);
    }

    /**
     * Runs {@code attempt} (called once per attempt) under the policy of {@code kind}.
     *
     * @param operation name of the operation for logs and metrics ({@code create_call})
     * @param translate turns any failure of one attempt, the timeout included, into the
     *                  vendor's exception; must leave already translated exceptions alone
     */
    public <T> Uni<T> call(String operation, OperationKind kind, Supplier<Uni<T>> attempt,
            Function<Throwable, ? extends Throwable> translate) {
        // Latency and errors cover the whole operation as its caller waits for it, retries included.
        return upstream.record(vendor, operation, attempt(operation, policies.get(kind), attempt, translate, 1,
                Duration.ZERO));
    }

    /**
     * Fails fast with {@link VendorUnavailableException} while the breaker is open, without
     * taking a half-open trial: lets a multi-step operation refuse before its first step when
     * a later step is bound to be refused.
     */
    public Uni<Void> checkAvailable() {
        return Uni.createFrom().deferred(() -> {
            java.util.Optional<Duration> wait = breaker.openWait();
            return wait.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().failure(new VendorUnavailableException(vendor, roundedUp(wait.get())));
        });
    }

    /** The breaker's state now. */
    public CircuitBreaker.State state() {
        return breaker.state();
    }

    /** The vendor this guard stands in front of. */
    public Vendor vendor() {
        return vendor;
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    private <T> Uni<T> attempt(String operation, Policy policy, Supplier<Uni<T>> attempt,
            Function<Throwable, ? extends Throwable> translate, int number, Duration waited) {
        return once(operation, policy, attempt, translate).onFailure().recoverWithUni(failure -> {
            Optional<Duration> delay = policy.retry().delayBefore(number + 1, failure, waited,
                    () -> ThreadLocalRandom.current().nextDouble());
            if (delay.isEmpty()) {
                return Uni.createFrom().failure(failure);
            }
            Counter.builder("callbridge.vendor.retries").description("Vendor requests repeated after a failure")
                    .tag("vendor", vendor.tag()).tag("operation", operation).register(meters).increment();
            Log.infof("Retrying %s %s in %d ms (attempt %d): %s", vendor.displayName(), operation, delay.get().toMillis(),
                    number + 1, RetryRule.kindOf(failure));
            return Uni.createFrom().voidItem().onItem().delayIt().by(delay.get())
                    .flatMap(ignored -> attempt(operation, policy, attempt, translate, number + 1,
                            waited.plus(delay.get())));
        });
    }

    private <T> Uni<T> once(String operation, Policy policy, Supplier<Uni<T>> attempt,
            Function<Throwable, ? extends Throwable> translate) {
        return Uni.createFrom().deferred(() -> {
            boolean permitted = !policy.evenWhenOpen();
            if (permitted) {
                CircuitBreaker.Permit permit = breaker.acquire();
                if (!permit.granted()) {
                    count(operation, "short_circuited");
                    return Uni.createFrom().failure(new VendorUnavailableException(vendor, roundedUp(permit.retryAfter())));
                }
            }
            return started(attempt)
                    .ifNoItem().after(policy.timeout()).fail()
                    .onFailure().transform(translate)
                    .onItemOrFailure().invoke((item, failure) -> finished(operation, permitted, failure))
                    .onCancellation().invoke(() -> {
                        if (permitted) {
                            breaker.abandon();
                        }
                    });
        });
    }

    private static <T> Uni<T> started(Supplier<Uni<T>> attempt) {
        try {
            return attempt.get();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private void finished(String operation, boolean permitted, Throwable failure) {
        FailureKind kind = failure == null ? null : RetryRule.kindOf(failure);
        boolean vendorFailed = failure != null && (kind == null || kind.countsAsVendorFailure());
        if (permitted) {
            breaker.record(vendorFailed);
        } else {
            breaker.recordUnpermitted(vendorFailed);
        }
        count(operation, failure == null ? "success" : kind == null ? "failed" : kind.name().toLowerCase(Locale.ROOT));
    }

    private void count(String operation, String outcome) {
        Counter.builder("callbridge.vendor.requests").description("Vendor requests by outcome")
                .tag("vendor", vendor.tag()).tag("operation", operation).tag("outcome", outcome)
                .register(meters).increment();
    }

    private static Duration roundedUp(Duration d) {
        long seconds = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
