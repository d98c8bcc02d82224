package dev.callbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.http.ApiProblemException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryRuleTest {

    private static final RetryRule SAFE = new RetryRule(
            EnumSet.of(FailureKind.NOT_SENT, FailureKind.RATE_LIMITED, FailureKind.TRANSIENT), 4,
            Duration.ofMillis(200), Duration.ofMillis(500), 0.5, Duration.ofSeconds(3));
    private static final RetryRule CREATE = new RetryRule(EnumSet.of(FailureKind.NOT_SENT), 2,
            Duration.ofMillis(200), Duration.ofSeconds(2), 0.5, Duration.ofSeconds(3));

    @Test
    void backoffDoublesUpToTheCapAndJitterOnlyShortensIt() {
        assertThat(SAFE.backoff(2, () -> 0)).isEqualTo(Duration.ofMillis(200));
        assertThat(SAFE.backoff(3, () -> 0)).isEqualTo(Duration.ofMillis(400));
        assertThat(SAFE.backoff(4, () -> 0)).isEqualTo(Duration.ofMillis(500));
        assertThat(SAFE.backoff(3, () -> 0.999)).isBetween(Duration.ofMillis(200), Duration.ofMillis(201));
    }

    @Test
    void repeatsOnlyTheListedKindsAndAtMostMaxAttempts() {
        assertThat(SAFE.delayBefore(2, failure(FailureKind.TRANSIENT, null), Duration.ZERO, () -> 0)).isPresent();
        assertThat(SAFE.delayBefore(5, failure(FailureKind.TRANSIENT, null), Duration.ZERO, () -> 0)).isEmpty();
        assertThat(SAFE.delayBefore(2, failure(FailureKind.CLIENT_ERROR, null), Duration.ZERO, () -> 0)).isEmpty();
        assertThat(CREATE.delayBefore(2, failure(FailureKind.TRANSIENT, null), Duration.ZERO, () -> 0)).isEmpty();
        assertThat(CREATE.delayBefore(2, failure(FailureKind.NOT_SENT, null), Duration.ZERO, () -> 0)).isPresent();
        assertThat(SAFE.delayBefore(2, new IllegalStateException(), Duration.ZERO, () -> 0)).as("not a vendor failure")
                .isEmpty();
    }

    @Test
    void honoursRetryAfterOnlyWithinTheBudget() {
        assertThat(SAFE.delayBefore(2, failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(2)), Duration.ZERO, () -> 0))
                .contains(Duration.ofSeconds(2));
        assertThat(SAFE.delayBefore(2, failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(2)), Duration.ofSeconds(2),
                () -> 0)).as("2 s already waited + 2 s > 3 s").isEmpty();
        assertThat(SAFE.delayBefore(2, failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(7)), Duration.ZERO, () -> 0))
                .isEmpty();
    }

    private static RuntimeException failure(FailureKind kind, Duration retryAfter) {
        return new Failure(kind, retryAfter);
    }

    static final class Failure extends ApiProblemException implements VendorFailure {
        private final FailureKind kind;

        Failure(FailureKind kind, Duration retryAfter) {
            super(502, "x", "x", "x", List.of(), retryAfter);
            this.kind = kind;
        }

        @Override
        public FailureKind failureKind() {
            return kind;
        }
    }
}
