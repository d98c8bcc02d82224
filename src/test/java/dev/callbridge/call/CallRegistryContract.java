package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallRegistry} does, run against each implementation by a subclass, so the
 * memory and the PostgreSQL registry cannot drift apart.
 */
abstract class CallRegistryContract {

    /** How long the registry under test keeps a call. */
    static final Duration KEPT = Duration.ofHours(24);

    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    /** A registry keeping calls for {@link #KEPT} on {@link #clock}. */
    abstract CallRegistry registry();

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    static CallRecord call(String id) {
        return new CallRecord(id, "CA-" + id, "agent-1", "+14155550100", "+14155550199",
                Instant.parse("2025-12-31T23:59:58.123456Z"));
    }

    @Test
    void findsWhatWasStoredWithEveryField() {
        CallRegistry registry = registry();
        await(registry.put(call("c1")));

        assertThat(await(registry.find("c1"))).contains(call("c1"));
        assertThat(await(registry.find("c2"))).isEmpty();
    }

    @Test
    void storingTheSameIdAgainReplacesTheRecord() {
        CallRegistry registry = registry();
        await(registry.put(call("c1")));
        CallRecord redialled = new CallRecord("c1", "CA-other", "agent-2", "+14155550101", "+14155550199",
                Instant.parse("2026-01-01T00:00:00Z"));
        await(registry.put(redialled));

        assertThat(await(registry.find("c1"))).contains(redialled);
    }

    @Test
    void callsAreForgottenAfterTheirTime() {
        CallRegistry registry = registry();
        await(registry.put(call("old")));
        now = now.plus(KEPT.minusMinutes(1));
        await(registry.put(call("young")));
        assertThat(await(registry.find("old"))).isPresent();
        now = now.plus(Duration.ofMinutes(1));

        assertThat(await(registry.find("old"))).isEmpty();
        assertThat(await(registry.find("young"))).isPresent();
    }

    @Test
    void nothingHappensBeforeSubscription() {
        CallRegistry registry = registry();
        registry.put(call("lazy"));

        assertThat(await(registry.find("lazy"))).isEmpty();
    }
}
