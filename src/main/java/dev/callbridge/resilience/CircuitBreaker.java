package dev.callbridge.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A count-based circuit breaker for one vendor. Closed, it remembers the outcomes of the last
 * {@code window} requests and opens when at least {@code minimumCalls} of them are recorded
 * and the share of failures reaches {@code failureRatio}. Open, it refuses every request for
 * {@code openFor}; then it lets {@code halfOpenTrials} requests through: if they all succeed
 * it closes, if one fails it opens again. Thread-safe; the lock is held only for bookkeeping.
 */
public final class CircuitBreaker {

    /** The breaker's state; the gauge value is its ordinal. */
    public enum State {
        CLOSED, HALF_OPEN, OPEN
    }

    /** Whether a request may go ahead, and if not, when to try again. */
    public record Permit(boolean granted, Duration retryAfter) {
        static final Permit GRANTED = new Permit(true, Duration.ZERO);
    }

    private final int window;
    private final int minimumCalls;
    private final double failureRatio;
    private final Duration openFor;
    private final int halfOpenTrials;
    private final Clock clock;

    private final boolean[] outcomes;
    private int recorded;
    private int next;
    private int failures;
    private State state = State.CLOSED;
    private Instant openedAt;
    private int trialsStarted;
    private int trialsSucceeded;

    public CircuitBreaker(int window, int minimumCalls, double failureRatio, Duration openFor, int halfOpenTrials,
            Clock clock) {
        this.window = Math.max(1, window);
        this.minimumCalls = Math.max(1, Math.min(minimumCalls, this.window));
        this.failureRatio = failureRatio;
        this.openFor = openFor;
        this.halfOpenTrials = Math.max(1, halfOpenTrials);
        this.clock = clock;
        this.outcomes = new boolean[this.window];
    }

    /** Asks to send one request; a granted permit must be followed by {@link #record} or {@link #abandon}. */
    public synchronized Permit acquire() {
        if (state == State.OPEN) {
            Duration waited = Duration.between(openedAt, clock.instant());
            if (waited.compareTo(openFor) < 0) {
                return new Permit(false, openFor.minus(waited));
            }
            state = State.HALF_OPEN;
            trialsStarted = 0;
            trialsSucceeded = 0;
        }
        if (state == State.HALF_OPEN) {
            if (trialsStarted >= halfOpenTrials) {
                return new Permit(false, Duration.ofSeconds(1));
            }
            trialsStarted++;
        }
        return Permit.GRANTED;
    }

    /** Records the outcome of a request that was granted a permit. */
    public synchronized void record(boolean failed) {
        switch (state) {
            case CLOSED -> remember(failed);
            case HALF_OPEN -> trialFinished(failed);
            case OPEN -> {
                // A request that was let through before the breaker opened: the decision is made.
            }
        }
    }

    /**
     * Records the outcome of a request sent without a permit (clean-up that must be tried
     * even while the breaker is open). It counts only while the breaker is closed, so it can
     * neither close an open breaker nor take the place of a half-open trial.
     */
    public synchronized void recordUnpermitted(boolean failed) {
        if (state == State.CLOSED) {
            remember(failed);
        }
    }

    /** Gives a permit back without an outcome (the request was cancelled). */
    public synchronized void abandon() {
        if (state == State.HALF_OPEN && trialsStarted > trialsSucceeded) {
            trialsStarted--;
        }
    }

    /** The state now; an open breaker whose wait is over reports half-open. */
    public synchronized State state() {
        if (state == State.OPEN && !Duration.between(openedAt, clock.instant()).minus(openFor).isNegative()) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** How long the breaker stays open, or empty when requests may be tried now. */
    public synchronized Optional<Duration> openWait() {
        if (state != State.OPEN) {
            return Optional.empty();
        }
        Duration left = openFor.minus(Duration.between(openedAt, clock.instant()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    /** Closes the breaker and forgets every outcome. */
    public synchronized void reset() {
        state = State.CLOSED;
        clearWindow();
    }

    private void remember(boolean failed) {
        if (recorded == window && outcomes[next]) {
            failures--;
        }
        outcomes[next] = failed;
        next = (next + 1) % window;
        recorded = Math.min(window, recorded + 1);
        if (failed) {
            failures++;
        }
        if (failed && recorded >= minimumCalls && failures >= failureRatio * recorded) {
            open();
        }
    }

    private void trialFinished(boolean failed) {
        if (failed) {
            open();
            return;
        }
        trialsSucceeded++;
        if (trialsSucceeded >= halfOpenTrials) {
            state = State.CLOSED;
            clearWindow();
        }
    }

    private void open() {
        state = State.OPEN;
        openedAt = clock.instant();
        clearWindow();
    }

    private void clearWindow() {
        java.util.Arrays.fill(outcomes, false);
        recorded = 0;
        next = 0;
        failures = 0;
    }
}
