package dev.callbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.MutableClock;
import dev.callbridge.resilience.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(10, 4, 0.5, Duration.ofSeconds(30), 2, clock);

    @Test
    void staysClosedBelowTheMinimumNumberOfCalls() {
        fail(3);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.acquire().granted()).isTrue();
    }

    @Test
    void opensWhenTheFailureRatioIsReachedAndRefusesWithTheRemainingWait() {
        succeed(2);
        fail(2);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.advance(Duration.ofSeconds(10));
        CircuitBreaker.Permit permit = breaker.acquire();
        assertThat(permit.granted()).isFalse();
        assertThat(permit.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void successesKeepTheRatioBelowTheThreshold() {
        for (int i = 0; i < 20; i++) {
            succeed(2);
            fail(1);
        }
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    void halfOpenLetsTheConfiguredTrialsThroughAndClosesWhenAllSucceed() {
        fail(4);
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);

        assertThat(breaker.acquire().granted()).isTrue();
        assertThat(breaker.acquire().granted()).isTrue();
        assertThat(breaker.acquire().granted()).as("only two trials").isFalse();
        breaker.record(false);
        breaker.record(false);

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        fail(3);
        assertThat(breaker.state()).as("history was cleared").isEqualTo(State.CLOSED);
    }

    @Test
    void aFailedTrialOpensAgain() {
        fail(4);
        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.acquire().granted()).isTrue();
        breaker.record(true);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.acquire().retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anAbandonedTrialFreesItsPlace() {
        fail(4);
        clock.advance(Duration.ofSeconds(30));
        breaker.acquire();
        breaker.acquire();
        breaker.abandon();
        assertThat(breaker.acquire().granted()).isTrue();
    }

    @Test
    void unpermittedOutcomesCountOnlyWhileClosed() {
        for (int i = 0; i < 4; i++) {
            breaker.recordUnpermitted(true);
        }
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        clock.advance(Duration.ofSeconds(30));
        breaker.acquire();
        breaker.recordUnpermitted(false);
        breaker.recordUnpermitted(false);
        assertThat(breaker.state()).as("clean-up requests do not close it").isEqualTo(State.HALF_OPEN);
    }

    @Test
    void resetCloses() {
        fail(4);
        breaker.reset();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThat(breaker.acquire().granted()).isTrue();
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            assertThat(breaker.acquire().granted()).isTrue();
            breaker.record(true);
        }
    }

    private void succeed(int times) {
        for (int i = 0; i < times; i++) {
            breaker.acquire();
            breaker.record(false);
        }
    }

}
