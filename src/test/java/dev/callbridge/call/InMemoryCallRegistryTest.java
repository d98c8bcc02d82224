package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class InMemoryCallRegistryTest {

    private Instant now = Instant.parse("2025-06-01T12:00:00Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
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

    @Test
    void findsWhatWasStored() {
        InMemoryCallRegistry registry = new InMemoryCallRegistry(10, Duration.ofHours(1), clock);
        registry.put(call("c1")).await().indefinitely();

        assertThat(registry.find("c1").await().indefinitely()).get().extracting(CallRecord::twilioCallSid).isEqualTo("CA-c1");
        assertThat(registry.find("c2").await().indefinitely()).isEmpty();
    }

    @Test
    void forgetsTheOldestBeyondItsSize() {
        InMemoryCallRegistry registry = new InMemoryCallRegistry(3, Duration.ofHours(1), clock);
        for (int i = 1; i <= 5; i++) {
            registry.put(call("c" + i)).await().indefinitely();
        }

        assertThat(registry.size()).isEqualTo(3);
        assertThat(registry.find("c1").await().indefinitely()).isEmpty();
        assertThat(registry.find("c2").await().indefinitely()).isEmpty();
        assertThat(registry.find("c3").await().indefinitely()).isPresent();
        assertThat(registry.find("c5").await().indefinitely()).isPresent();
    }

    @Test
    void forgetsCallsOlderThanTheirTimeToLive() {
        InMemoryCallRegistry registry = new InMemoryCallRegistry(10, Duration.ofMinutes(10), clock);
        registry.put(call("old")).await().indefinitely();
        now = now.plus(Duration.ofMinutes(6));
        registry.put(call("young")).await().indefinitely();
        now = now.plus(Duration.ofMinutes(5));

        assertThat(registry.find("old").await().indefinitely()).isEmpty();
        assertThat(registry.find("young").await().indefinitely()).isPresent();
        assertThat(registry.size()).isEqualTo(1);
    }

    @Test
    void storingAgainRenewsTheEntry() {
        InMemoryCallRegistry registry = new InMemoryCallRegistry(2, Duration.ofMinutes(10), clock);
        registry.put(call("a")).await().indefinitely();
        registry.put(call("b")).await().indefinitely();
        registry.put(call("a")).await().indefinitely();
        registry.put(call("c")).await().indefinitely();

        assertThat(registry.find("a").await().indefinitely()).isPresent();
        assertThat(registry.find("b").await().indefinitely()).isEmpty();
    }

    private static CallRecord call(String id) {
        return new CallRecord(id, "CA-" + id, "agent", "+14155550123", "+14155550100", Instant.EPOCH);
    }
}
