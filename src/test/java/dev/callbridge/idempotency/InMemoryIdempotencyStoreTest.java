package dev.callbridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    static final StoredResponse CREATED = new StoredResponse(201, "application/json", null, "{}".getBytes());

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void lifecycleOfOneKey() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(24), 10, Clock.systemUTC());
        assertThat(store.claim("k", "f1")).isInstanceOf(Claim.Granted.class);
        assertThat(store.claim("k", "f1")).isInstanceOf(Claim.InFlight.class);
        assertThat(store.claim("k", "f2")).isInstanceOf(Claim.Mismatch.class);
        store.complete("k", CREATED);
        assertThat(store.claim("k", "f1")).isEqualTo(new Claim.Replay(CREATED));
        store.release("k");
        assertThat(store.claim("k", "f1")).as("a finished key is not released").isInstanceOf(Claim.Replay.class);
    }

    @Test
    void releasedKeyMayRunAgain() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1), 10, Clock.systemUTC());
        store.claim("k", "f");
        store.release("k");
        assertThat(store.claim("k", "f")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void keysExpireAfterRetention() {
        MutableClock clock = new MutableClock();
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(24), 10, clock);
        store.claim("k", "f");
        store.complete("k", CREATED);
        clock.now = clock.now.plus(Duration.ofHours(23));
        assertThat(store.claim("k", "other")).isInstanceOf(Claim.Mismatch.class);
        clock.now = clock.now.plus(Duration.ofHours(2));
        assertThat(store.claim("k", "other")).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void boundedByForgettingTheOldest() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1), 3, Clock.systemUTC());
        for (int i = 0; i < 5; i++) {
            store.claim("k" + i, "f");
            store.complete("k" + i, CREATED);
        }
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.claim("k0", "f")).isInstanceOf(Claim.Granted.class);
        assertThat(store.claim("k4", "f")).isInstanceOf(Claim.Replay.class);
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsIsGranted() throws Exception {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore(Duration.ofHours(1), 100, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> store.claim("same", "f"));
            }
            long granted = 0;
            for (Future<Claim> f : pool.invokeAll(tasks)) {
                granted += f.get() instanceof Claim.Granted ? 1 : 0;
            }
            assertThat(granted).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
