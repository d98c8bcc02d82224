package dev.callbridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryIdempotencyStoreTest {

    static final StoredResponse CREATED = new StoredResponse(201, "application/json", null, "{}".getBytes());
    static final long MIB = 1024 * 1024;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private InMemoryIdempotencyStore store(int maxKeys, long maxBytes) {
        return new InMemoryIdempotencyStore(Duration.ofHours(24), maxKeys, maxBytes, clock);
    }

    @Test
    void lifecycleOfOneKey() {
        InMemoryIdempotencyStore store = store(10, MIB);
        assertThat(store.claim("k", "f1").await().indefinitely()).isInstanceOf(Claim.Granted.class);
        assertThat(store.claim("k", "f1").await().indefinitely()).isInstanceOf(Claim.InFlight.class);
        assertThat(store.claim("k", "f2").await().indefinitely()).isInstanceOf(Claim.Mismatch.class);
        store.complete("k", CREATED).await().indefinitely();
        assertThat(store.claim("k", "f1").await().indefinitely()).isEqualTo(new Claim.Replay(CREATED));
        assertThat(store.claim("k", "f2").await().indefinitely()).isInstanceOf(Claim.Mismatch.class);
        store.release("k").await().indefinitely();
        assertThat(store.claim("k", "f1").await().indefinitely()).as("a finished key is not released").isInstanceOf(Claim.Replay.class);
        assertThat(store.claims()).isZero();
    }

    @Test
    void releasedKeyMayRunAgainAndLeavesNothingBehind() {
        InMemoryIdempotencyStore store = store(10, MIB);
        for (int i = 0; i < 3000; i++) {
            assertThat(store.claim("k", "f").await().indefinitely()).isInstanceOf(Claim.Granted.class);
            store.release("k").await().indefinitely();
        }
        assertThat(store.claims()).isZero();
        assertThat(store.size()).isZero();
    }

    @Test
    void keysExpireAfterRetention() {
        InMemoryIdempotencyStore store = store(10, MIB);
        store.claim("k", "f").await().indefinitely();
        store.complete("k", CREATED).await().indefinitely();
        clock.advance(Duration.ofHours(23));
        assertThat(store.claim("k", "other").await().indefinitely()).isInstanceOf(Claim.Mismatch.class);
        clock.advance(Duration.ofHours(2));
        assertThat(store.claim("k", "other").await().indefinitely()).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void boundedInCountByForgettingTheOldest() {
        InMemoryIdempotencyStore store = store(100, MIB);
        for (int i = 0; i < 1000; i++) {
            store.claim("k" + i, "f").await().indefinitely();
            store.complete("k" + i, CREATED).await().indefinitely();
        }
        assertThat(store.size()).isEqualTo(100);
        assertThat(store.claim("k899", "f").await().indefinitely()).isInstanceOf(Claim.Granted.class);
        assertThat(store.claim("k900", "f").await().indefinitely()).isInstanceOf(Claim.Replay.class);
        assertThat(store.claim("k999", "f").await().indefinitely()).isInstanceOf(Claim.Replay.class);
    }

    @Test
    void boundedInBytesWhateverTheResponsesWeigh() {
        InMemoryIdempotencyStore store = store(100_000, MIB);
        byte[] body = new byte[50 * 1024];
        for (int i = 0; i < 500; i++) {
            store.claim("k" + i, "f").await().indefinitely();
            store.complete("k" + i, new StoredResponse(201, "application/json", "/api/v1/agents/" + i, body)).await().indefinitely();
        }
        assertThat(store.weight()).isLessThanOrEqualTo(MIB);
        assertThat(store.size()).as("1 MiB holds 20 records of 50 KiB and some").isEqualTo(20);
        assertThat(store.claim("k499", "f").await().indefinitely()).as("the newest is kept").isInstanceOf(Claim.Replay.class);
    }

    @Test
    void aResponseTooLargeToKeepIsKeptWithoutItsBody() {
        InMemoryIdempotencyStore store = store(1000, MIB);
        store.claim("big", "f").await().indefinitely();
        store.complete("big", new StoredResponse(201, "application/json", "/api/v1/agents/a", new byte[200 * 1024])).await().indefinitely();

        Claim claim = store.claim("big", "f").await().indefinitely();
        assertThat(claim).isInstanceOf(Claim.Replay.class);
        StoredResponse replayed = ((Claim.Replay) claim).response();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.location()).isEqualTo("/api/v1/agents/a");
        assertThat(replayed.body()).isNull();
        assertThat(replayed.bodyOmitted()).isTrue();
    }

    @Test
    void claimsInFlightAreNeverEvicted() {
        InMemoryIdempotencyStore store = store(10, 64 * 1024);
        store.claim("running", "f").await().indefinitely();
        for (int i = 0; i < 200; i++) {
            store.claim("k" + i, "f").await().indefinitely();
            store.complete("k" + i, new StoredResponse(201, null, null, new byte[2048])).await().indefinitely();
        }
        assertThat(store.claim("running", "f").await().indefinitely()).isInstanceOf(Claim.InFlight.class);
        store.complete("running", CREATED).await().indefinitely();
        assertThat(store.claim("running", "f").await().indefinitely()).isInstanceOf(Claim.Replay.class);
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsIsGranted() throws Exception {
        InMemoryIdempotencyStore store = store(100, MIB);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Claim>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(() -> store.claim("same", "f").await().indefinitely());
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
