package dev.callbridge.resilience;

import dev.callbridge.vendor.Vendor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * The guards of both vendors, built once from {@link ResilienceConfig}. The vendor beans
 * ({@code UltravoxClient}, {@code TwilioGateway}) run every request through their guard; the
 * breaker states are published as the gauge {@code callbridge.vendor.breaker.state{vendor}}
 * (0 closed, 1 half-open, 2 open) and in the {@code circuit-breakers} readiness check.
 */
@ApplicationScoped
public class Resilience {

    private final VendorGuard ultravox;
    private final VendorGuard twilio;

    @Inject
    Resilience(ResilienceConfig config, MeterRegistry meters) {
        this(config, meters, Clock.systemUTC());
    }

    Resilience(ResilienceConfig config, MeterRegistry meters, Clock clock) {
        ResilienceConfig.Retry retry = config.retry();
        RetryRule safe = rule(retry, retry.maxAttempts(),
                EnumSet.of(FailureKind.NOT_SENT, FailureKind.RATE_LIMITED, FailureKind.TRANSIENT));
        ResilienceConfig.Ultravox uv = config.ultravox();
        this.ultravox = new VendorGuard(Vendor.ULTRAVOX, breaker(uv.breaker(), clock), Map.of(
                OperationKind.CREATE, new VendorGuard.Policy(uv.createTimeout(),
                        rule(retry, uv.createMaxAttempts(), EnumSet.of(FailureKind.NOT_SENT, FailureKind.RATE_LIMITED)),
                        false),
                OperationKind.READ, new VendorGuard.Policy(uv.readTimeout(), safe, false),
                OperationKind.DELETE, new VendorGuard.Policy(uv.readTimeout(), safe, true)), meters);
        ResilienceConfig.Twilio tw = config.twilio();
        this.twilio = new VendorGuard(Vendor.TWILIO, breaker(tw.breaker(), clock), Map.of(
                // Twilio may already be ringing the phone after any answer or timeout: only a
                // refused connection proves the call was not placed.
                OperationKind.CREATE, new VendorGuard.Policy(tw.createTimeout(),
                        rule(retry, tw.createMaxAttempts(), EnumSet.of(FailureKind.NOT_SENT)), false),
                OperationKind.READ, new VendorGuard.Policy(tw.readTimeout(), safe, false),
                OperationKind.DELETE, new VendorGuard.Policy(tw.hangUpTimeout(), safe, true)), meters);
        for (VendorGuard guard : guards()) {
            Gauge.builder("callbridge.vendor.breaker.state", guard, g -> g.state().ordinal())
                    .description("Circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .tag("vendor", guard.vendor().tag())
                    .register(meters);
        }
    }

    /** The guard in front of Ultravox. */
    public VendorGuard ultravox() {
        return ultravox;
    }

    /** The guard in front of Twilio. */
    public VendorGuard twilio() {
        return twilio;
    }

    /** Both guards. */
    public List<VendorGuard> guards() {
        return List.of(ultravox, twilio);
    }

    /** Closes both breakers and forgets their history; for tests, which share one application. */
    void resetBreakers() {
        guards().forEach(g -> g.breaker().reset());
    }

    private static RetryRule rule(ResilienceConfig.Retry retry, int attempts, EnumSet<FailureKind> kinds) {
        return new RetryRule(kinds, attempts, retry.initialBackoff(), retry.maxBackoff(), retry.jitter(),
                retry.budget());
    }

    private static CircuitBreaker breaker(ResilienceConfig.Breaker config, Clock clock) {
        return new CircuitBreaker(config.window(), config.minimumCalls(), config.failureRatio(), config.openFor(),
                config.halfOpenTrials(), clock);
    }
}
