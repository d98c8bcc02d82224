package dev.callbridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.config.HealthConfig;
import dev.callbridge.store.StoreConfig;
import dev.callbridge.testing.QuietLogs;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseHealthTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("dev.callbridge.health.DatabaseHealth");

    @Test
    void theMemoryStoreIsUpAndNeverPinged() {
        AtomicInteger pings = new AtomicInteger();
        DatabaseHealth health = health(StoreConfig.Kind.MEMORY, Optional.empty(), counting(pings));

        health.refresh().await().atMost(Duration.ofSeconds(5));

        HealthCheckResponse readiness = health.status().readiness();
        assertThat(readiness.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(readiness.getData().orElseThrow()).containsExactlyEntriesOf(java.util.Map.of("store", "memory"));
        assertThat(pings).hasValue(0);
    }

    @Test
    void postgresIsDownUntilTheFirstCheckThenUp() {
        AtomicInteger pings = new AtomicInteger();
        DatabaseHealth health = health(StoreConfig.Kind.POSTGRES, Optional.empty(), counting(pings));
        HealthCheckResponse before = health.status().readiness();
        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(before.getData().orElseThrow()).containsEntry("detail", "Not checked yet.");

        health.refresh().await().atMost(Duration.ofSeconds(5));

        assertThat(pings).hasValue(1);
        assertThat(health.status().up()).isTrue();
        assertThat(health.status().readiness().getData().orElseThrow()).containsEntry("store", "postgres")
                .containsKeys("lastCheck", "lastSuccess").doesNotContainKey("detail");
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsDownAfterTheHealthTimeout() {
        DatabaseHealth health = health(StoreConfig.Kind.POSTGRES, Optional.empty(), probe(Uni.createFrom().nothing()));

        health.refresh().await().atMost(Duration.ofSeconds(5));

        assertThat(health.status().up()).isFalse();
        assertThat(health.status().detail()).isEqualTo("The database did not answer within 100 ms.");
        assertThat(health.status().lastSuccess()).isNull();
    }

    @Test
    void aFailureIsDescribedWithoutThePasswordAndKeepsTheLastSuccess() {
        AtomicInteger pings = new AtomicInteger();
        DatabaseProbe flaky = new DatabaseProbe(null) {
            @Override
            public Uni<Void> ping() {
                return pings.incrementAndGet() == 1 ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new IllegalStateException("login with hunter2 refused"));
            }
        };
        DatabaseHealth health = health(StoreConfig.Kind.POSTGRES, Optional.of("hunter2"), flaky);
        health.refresh().await().atMost(Duration.ofSeconds(5));
        var success = health.status().lastSuccess();

        health.refresh().await().atMost(Duration.ofSeconds(5));

        DatabaseStatus status = health.status();
        assertThat(status.up()).isFalse();
        assertThat(status.lastSuccess()).isEqualTo(success);
        assertThat(status.detail()).isEqualTo("IllegalStateException: login with *** refused");
        assertThat(status.readiness().getData().orElseThrow().values()).noneMatch(v -> v.toString().contains("hunter2"));
    }

    @Test
    void concurrentRefreshesShareOneCheck() {
        AtomicInteger pings = new AtomicInteger();
        DatabaseProbe slow = new DatabaseProbe(null) {
            @Override
            public Uni<Void> ping() {
                return Uni.createFrom().voidItem().invoke(pings::incrementAndGet)
                        .onItem().delayIt().by(Duration.ofMillis(50));
            }
        };
        DatabaseHealth health = health(StoreConfig.Kind.POSTGRES, Optional.empty(), slow);

        Uni.join().all(health.refresh(), health.refresh()).andFailFast().await().atMost(Duration.ofSeconds(5));

        assertThat(pings).hasValue(1);
        assertThat(health.status().up()).isTrue();
    }

    private static DatabaseProbe counting(AtomicInteger pings) {
        return new DatabaseProbe(null) {
            @Override
            public Uni<Void> ping() {
                pings.incrementAndGet();
                return Uni.createFrom().voidItem();
            }
        };
    }

    private static DatabaseProbe probe(Uni<Void> answer) {
        return new DatabaseProbe(null) {
            @Override
            public Uni<Void> ping() {
                return answer;
            }
        };
    }

    private static DatabaseHealth health(StoreConfig.Kind kind, Optional<String> password, DatabaseProbe probe) {
        return new DatabaseHealth(kind, password, new HealthConfig() {
            public Duration interval() {
                return Duration.ofSeconds(30);
            }

            public Duration timeout() {
                return Duration.ofMillis(100);
            }

            public Duration startupRetry() {
                return Duration.ofSeconds(1);
            }

            public boolean background() {
                return false;
            }
        }, probe, null);
    }
}
