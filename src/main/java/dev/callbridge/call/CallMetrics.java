package dev.callbridge.call;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.resilience.VendorUnavailableException;
import dev.callbridge.ultravox.UltravoxException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Meters of the call pipeline. Every placement ends with exactly one outcome:
 * <ul>
 * <li>{@code placed}: Twilio accepted the call;</li>
 * <li>{@code rejected_validation}: refused before any vendor was called;</li>
 * <li>{@code ultravox_error}: Ultravox refused or failed, so nothing was created;</li>
 * <li>{@code compensated}: Twilio failed and the Ultravox call was deleted again;</li>
 * <li>{@code twilio_error}: Twilio failed and the Ultravox call could not be deleted, or
 * Twilio's circuit breaker was open so nothing was created;</li>
 * <li>{@code ledger_unavailable}: the call ledger could not record the placement, so no vendor
 * was called.</li>
 * </ul>
 * Meters: {@code callbridge.calls{outcome}}, {@code callbridge.calls.pipeline{outcome}} (timer
 * with percentiles) and {@code callbridge.calls.compensation.failures}. The calls in flight are
 * counted where they are admitted ({@code callbridge.calls.in_flight}, see CallAdmission).
 */
@ApplicationScoped
public class CallMetrics {

    /** How one placement ended. */
    enum Outcome {
        PLACED, REJECTED_VALIDATION, ULTRAVOX_ERROR, COMPENSATED, TWILIO_ERROR, LEDGER_UNAVAILABLE;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Counter compensationFailures;
    /** One counter and one timer per outcome, registered once so a placement only records. */
    private final Map<Outcome, Counter> counters = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);

    CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.compensationFailures = Counter.builder("callbridge.calls.compensation.failures")
                .description("Ultravox calls that could not be deleted after Twilio failed to place the call")
                .register(registry);
        for (Outcome outcome : Outcome.values()) {
            counters.put(outcome, Counter.builder("callbridge.calls").description("Call placements by outcome")
                    .tag("outcome", outcome.tag()).register(registry));
            timers.put(outcome, Timer.builder("callbridge.calls.pipeline")
                    .description("Whole placement: validation, Ultravox, TwiML, Twilio")
                    .tag("outcome", outcome.tag())
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry));
        }
    }

    /** Starts measuring one placement; the caller ends it exactly once. */
    Run start() {
        return new Run(Timer.start(registry));
    }

    void compensationFailed() {
        compensationFailures.increment();
    }

    /** One placement being measured. */
    final class Run {
        private final Timer.Sample sample;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile Outcome known;

        private Run(Timer.Sample sample) {
            this.sample = sample;
        }

        /** Records how the Twilio stage ended, before the pipeline's failure reaches the client. */
        void twilioStageFailed(boolean compensated) {
            known = compensated ? Outcome.COMPENSATED : Outcome.TWILIO_ERROR;
        }

        /** Ends the placement: success when {@code failure} is null. Later calls are ignored. */
        void end(Throwable failure) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            Outcome outcome = failure == null ? Outcome.PLACED : known != null ? known : classify(failure);
            counters.get(outcome).increment();
            sample.stop(timers.get(outcome));
        }

        private Outcome classify(Throwable failure) {
            if (failure instanceof UltravoxException) {
                return Outcome.ULTRAVOX_ERROR;
            }
            if (failure instanceof VendorUnavailableException open) {
                return open.vendor() == Vendor.TWILIO ? Outcome.TWILIO_ERROR : Outcome.ULTRAVOX_ERROR;
            }
            if (failure instanceof ApiProblemException p && PlacementProgress.LEDGER_UNAVAILABLE.equals(p.kind())) {
                return Outcome.LEDGER_UNAVAILABLE;
            }
            boolean local = failure instanceof ApiProblemException p && p.status() < 500;
            return local ? Outcome.REJECTED_VALIDATION : Outcome.ULTRAVOX_ERROR;
        }
    }
}
