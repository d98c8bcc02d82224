package dev.callbridge.health;

import java.time.Duration;

/**
 * When the next vendor check runs. While the service starts, a failed check is repeated soon
 * (the first retry after {@code startupRetry}, each later one twice as late, never later than
 * {@code interval}), so that a vendor that was briefly unreachable does not keep the instance
 * out of service for a whole interval. Once every vendor has answered successfully, checks run
 * every {@code interval}. Not thread-safe: one timer chain uses it.
 */
final class CheckSchedule {

    private final Duration interval;
    private Duration retry;

    CheckSchedule(Duration startupRetry, Duration interval) {
        this.interval = interval;
        this.retry = min(startupRetry, interval);
    }

    /**
     * The wait before the next check.
     *
     * @param settled whether every vendor has answered successfully at least once
     */
    Duration next(boolean settled) {
        if (settled) {
            return interval;
        }
        Duration wait = retry;
        retry = min(retry.multipliedBy(2), interval);
        return wait;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
