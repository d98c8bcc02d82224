package dev.callbridge.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admission logic without Quarkus: limit, release, draining and the leftovers log. */
class CallAdmissionTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("dev.callbridge.admission.CallAdmission");

    record Config(int maxInFlight, Duration retryAfter, Duration drainGrace) implements AdmissionConfig {
    }

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CallAdmission admission = new CallAdmission(new Config(2, Duration.ofSeconds(3),
            Duration.ofSeconds(30)), meters);
    private final List<UniEmitter<? super String>> pending = new ArrayList<>();

    @Test
    void refusesAboveTheLimitAndAdmitsAgainWhenASlotIsFree() {
        start("+14155550123");
        start("+14155550124");

        assertThatThrownBy(() -> start("+14155550125")).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.kind()).isEqualTo("overloaded");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        });
        assertThat(admission.inFlight()).isEqualTo(2);

        pending.get(0).complete("done");
        assertThat(admission.inFlight()).isEqualTo(1);
        start("+14155550126");
        assertThat(meters.get("callbridge.admission.shed").tag("outcome", "overloaded").counter().count()).isEqualTo(1);
    }

    @Test
    void failuresAndCancellationsReleaseTheirSlot() {
        start("+14155550123");
        pending.get(0).fail(new IllegalStateException("boom"));
        AtomicReference<io.smallrye.mutiny.subscription.Cancellable> handle = new AtomicReference<>();
        handle.set(admission.admit("agent", "+14155550124", () -> Uni.createFrom().<String>emitter(e -> { }))
                .subscribe().with(item -> { }, failure -> { }));
        assertThat(admission.inFlight()).isEqualTo(1);
        handle.get().cancel();
        assertThat(admission.inFlight()).isZero();
    }

    @Test
    void drainingRefusesNewCallsAndWaitsForTheRunningOnes() throws Exception {
        start("+14155550123");
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> admission.drain(Duration.ofSeconds(5)));
        awaitDraining();

        assertThatThrownBy(() -> start("+14155550124")).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.kind()).isEqualTo("shutting-down");
        });
        assertThat(drained).isNotDone();
        pending.get(0).complete("done");

        assertThat(drained.get()).isTrue();
    }

    @Test
    void logsTheCallsStillRunningWhenTheGracePeriodEnds() {
        start("+14155550123");
        try (LogCapture logs = LogCapture.install()) {
            long started = System.nanoTime();
            assertThat(admission.drain(Duration.ofMillis(200))).isFalse();
            assertThat((System.nanoTime() - started) / 1_000_000).isBetween(180L, 2_000L);

            assertThat(logs.text()).contains("1 calls still in flight").contains("agent-1")
                    .contains("+1******0123").doesNotContain("4155550123");
        }
    }

    /** Starts a pipeline that ends when the test says so; throws what the admission refused with. */
    private void start(String to) {
        AtomicReference<Throwable> refused = new AtomicReference<>();
        admission.admit("agent-1", to, () -> Uni.createFrom().<String>emitter(pending::add))
                .subscribe().with(item -> { }, refused::set);
        if (refused.get() instanceof RuntimeException e) {
            throw e;
        }
    }

    private void awaitDraining() throws InterruptedException {
        for (int i = 0; i < 200 && !admission.draining(); i++) {
            Thread.sleep(5);
        }
    }
}
