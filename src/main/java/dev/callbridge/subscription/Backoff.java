package dev.callbridge.subscription;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed delivery is tried again: {@code firstBackoff} after the first failed attempt,
 * doubling after each further one, until {@code maxAttempts} attempts have failed and the
 * delivery is dead.
 */
public record Backoff(Duration firstBackoff, int maxAttempts) {

    /** Attempts after which the doubling stops growing the wait (2^20 first backoffs). */
    private static final int MAX_DOUBLINGS = 20;

    /** When to try again after the {@code attemptsMade}-th attempt failed at {@code now}; {@code null}: dead. */
    public Instant retryAt(int attemptsMade, Instant now) {
        if (attemptsMade >= maxAttempts) {
            return null;
        }
        return now.plus(firstBackoff.multipliedBy(1L << Math.min(attemptsMade - 1, MAX_DOUBLINGS)));
    }

    /** How long after the first attempt the last one is made, if every attempt fails. */
    public Duration span() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < maxAttempts; attempt++) {
            total = total.plus(firstBackoff.multipliedBy(1L << Math.min(attempt - 1, MAX_DOUBLINGS)));
        }
        return total;
    }
}
