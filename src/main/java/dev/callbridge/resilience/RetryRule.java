package dev.callbridge.resilience;

import dev.callbridge.http.ApiProblemException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * When an operation may be repeated and how long to wait first: only for the failure kinds
 * listed, at most {@code maxAttempts} attempts in all, waiting an exponential backoff with
 * jitter, or the vendor's {@code Retry-After} when it is longer. A wait that would bring the
 * total waiting above {@code budget} is not taken: the failure (with its {@code Retry-After})
 * is passed on to the client instead.
 *
 * @param retryOn        the failure kinds that may be repeated
 * @param maxAttempts    attempts in all, the first included
 * @param initialBackoff wait before the second attempt
 * @param maxBackoff     longest backoff
 * @param jitter         share of each backoff that is random, 0 to 1
 * @param budget         most time spent waiting between attempts, in all
 */
public record RetryRule(Set<FailureKind> retryOn, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        double jitter, Duration budget) {

    /** A rule that never repeats. */
    public static RetryRule never() {
        return new RetryRule(EnumSet.noneOf(FailureKind.class), 1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /**
     * The wait before attempt number {@code nextAttempt} (2 for the first retry), or empty when
     * the failure must be passed on.
     *
     * @param waited  time already spent waiting before earlier retries
     * @param random  source of jitter, values in [0, 1)
     */
    public Optional<Duration> delayBefore(int nextAttempt, Throwable failure, Duration waited, DoubleSupplier random) {
        FailureKind kind = kindOf(failure);
        if (kind == null || !retryOn.contains(kind) || nextAttempt > maxAttempts) {
            return Optional.empty();
        }
        Duration delay = backoff(nextAttempt, random);
        if (kind == FailureKind.RATE_LIMITED && failure instanceof ApiProblemException problem
                && problem.retryAfter().isPresent() && problem.retryAfter().get().compareTo(delay) > 0) {
            delay = problem.retryAfter().get();
        }
        return waited.plus(delay).compareTo(budget) > 0 ? Optional.empty() : Optional.of(delay);
    }

    /** Exponential backoff: initial, twice that, four times... capped, minus a random share. */
    Duration backoff(int nextAttempt, DoubleSupplier random) {
        long initial = initialBackoff.toMillis();
        long exponential = initial << Math.min(20, Math.max(0, nextAttempt - 2));
        long capped = Math.min(exponential, maxBackoff.toMillis());
        double share = Math.max(0, Math.min(1, jitter)) * random.getAsDouble();
        return Duration.ofMillis(Math.round(capped * (1 - share)));
    }

    /** The kind of a failure, or null for failures that are not about a vendor (never retried). */
    static FailureKind kindOf(Throwable failure) {
        return failure instanceof VendorFailure vendor ? vendor.failureKind() : null;
    }
}
