package dev.callbridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import dev.callbridge.testing.MutableClock;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link IdempotencyStore} does, run against each implementation by a subclass, so
 * the memory and the PostgreSQL store cannot drift apart.
 */
abstract class IdempotencyStoreContract {

    static final StoredResponse CREATED = new StoredResponse(201, "application/json", "/api/v1/agents/a",
            "{\"id\":\"a\"}".getBytes());
    static final Duration RETENTION = Duration.ofHours(24);
    static final long MAX_BYTES = 1024 * 1024;

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    /** A store keeping finished keys for {@link #RETENTION}, bounded by {@link #MAX_BYTES}, on {@link #clock}. */
    abstract IdempotencyStore store();

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void lifecycleOfOneKey() {
        IdempotencyStore store = store();
        assertThat(await(store.claim("k", "f1"))).isInstanceOf(Claim.Granted.class);
        assertThat(await(store.claim("k", "f1"))).isInstanceOf(Claim.InFlight.class);
        assertThat(await(store.claim("k", "f2"))).isInstanceOf(Claim.Mismatch.class);
        await(store.complete("k", CREATED));
        Claim replay = await(store.claim("k", "f1"));
        assertThat(replay).isInstanceOf(Claim.Replay.class);
        StoredResponse replayed = ((Claim.Replay) replay).response();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.contentType()).isEqualTo("application/json");
        assertThat(replayed.location()).isEqualTo("/api/v1/agents/a");
        assertThat(replayed.body()).isEqualTo(CREATED.body());
        assertThat(replayed.bodyOmitted()).isFalse();
        assertThat(await(store.claim("k", "f2"))).isInstanceOf(Claim.Mismatch.class);
        await(store.release("k"));
        assertThat(await(store.claim("k", "f1"))).as("a finished key is not released").isInstanceOf(Claim.Replay.class);
    }

    @Test
    void aResponseWithoutBodyOrHeadersReplaysAsSuch() {
        IdempotencyStore store = store();
        await(store.claim("k", "f"));
        await(store.complete("k", new StoredResponse(204, null, null, null)));

        StoredResponse replayed = ((Claim.Replay) await(store.claim("k", "f"))).response();
        assertThat(replayed).isEqualTo(new StoredResponse(204, null, null, null));
    }

    @Test
    void releasedKeyMayRunAgain() {
        IdempotencyStore store = store();
        for (int i = 0; i < 20; i++) {
            assertThat(await(store.claim("k", "f" + i))).isInstanceOf(Claim.Granted.class);
            await(store.release("k"));
        }
    }

    @Test
    void keysAreIndependent() {
        IdempotencyStore store = store();
        assertThat(await(store.claim("a", "f"))).isInstanceOf(Claim.Granted.class);
        assertThat(await(store.claim("b", "f"))).isInstanceOf(Claim.Granted.class);
        await(store.complete("a", CREATED));
        assertThat(await(store.claim("b", "f"))).isInstanceOf(Claim.InFlight.class);
    }

    @Test
    void completingAKeyThatIsNotClaimedDoesNothing() {
        IdempotencyStore store = store();
        await(store.complete("never-claimed", CREATED));
        assertThat(await(store.claim("never-claimed", "f"))).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void finishedKeysExpireAfterRetention() {
        IdempotencyStore store = store();
        await(store.claim("k", "f"));
        await(store.complete("k", CREATED));
        clock.advance(Duration.ofHours(23));
        assertThat(await(store.claim("k", "other"))).isInstanceOf(Claim.Mismatch.class);
        clock.advance(Duration.ofHours(2));
        assertThat(await(store.claim("k", "other"))).isInstanceOf(Claim.Granted.class);
    }

    @Test
    void aResponseTooLargeToKeepIsKeptWithoutItsBody() {
        IdempotencyStore store = store();
        await(store.claim("big", "f"));
        await(store.complete("big", new StoredResponse(201, "application/json", "/api/v1/agents/a",
                new byte[(int) (MAX_BYTES / 16) + 1])));

        StoredResponse replayed = ((Claim.Replay) await(store.claim("big", "f"))).response();
        assertThat(replayed.status()).isEqualTo(201);
        assertThat(replayed.location()).isEqualTo("/api/v1/agents/a");
        assertThat(replayed.body()).isNull();
        assertThat(replayed.bodyOmitted()).isTrue();
    }

    @Test
    void exactlyOneOfManyConcurrentClaimsIsGranted() {
        IdempotencyStore store = store();
        List<Uni<Claim>> claims = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            claims.add(store.claim("same", "f").runSubscriptionOn(io.smallrye.mutiny.infrastructure.Infrastructure
                    .getDefaultWorkerPool()));
        }
        List<Claim> outcomes = Uni.join().all(claims).andFailFast().await().atMost(Duration.ofSeconds(30));
        assertThat(outcomes).filteredOn(Claim.Granted.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Claim.InFlight.class::isInstance).hasSize(49);
    }
}
