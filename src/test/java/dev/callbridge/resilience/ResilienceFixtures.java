package dev.callbridge.resilience;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;

/** Hand-made resilience settings and guards for tests that run without Quarkus. */
public final class ResilienceFixtures {

    private ResilienceFixtures() {
    }

    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitter, Duration budget)
            implements ResilienceConfig.Retry {
    }

    record Breaker(int window, int minimumCalls, double failureRatio, Duration openFor, int halfOpenTrials)
            implements ResilienceConfig.Breaker {
    }

    record Ultravox(Duration createTimeout, Duration readTimeout, int createMaxAttempts, Breaker breaker)
            implements ResilienceConfig.Ultravox {
    }

    record Twilio(Duration createTimeout, Duration readTimeout, Duration hangUpTimeout, int createMaxAttempts,
            Breaker breaker) implements ResilienceConfig.Twilio {
    }

    record Config(Retry retry, Ultravox ultravox, Twilio twilio) implements ResilienceConfig {
    }

    /** The documented defaults. */
    public static ResilienceConfig defaults() {
        Breaker breaker = new Breaker(20, 10, 0.5, Duration.ofSeconds(30), 2);
        return new Config(new Retry(3, Duration.ofMillis(200), Duration.ofSeconds(2), 0.5, Duration.ofSeconds(3)),
                new Ultravox(Duration.ofSeconds(10), Duration.ofSeconds(5), 2, breaker),
                new Twilio(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(10), 2, breaker));
    }

    /** Guards with the default settings and their own meter registry. */
    public static Resilience resilience() {
        return resilience(defaults(), Clock.systemUTC());
    }

    /** Guards with the default settings, counting into {@code meters}. */
    public static Resilience resilience(io.micrometer.core.instrument.MeterRegistry meters) {
        return new Resilience(defaults(), meters, Clock.systemUTC());
    }

    static Resilience resilience(ResilienceConfig config, Clock clock) {
        return new Resilience(config, new SimpleMeterRegistry(), clock);
    }
}
