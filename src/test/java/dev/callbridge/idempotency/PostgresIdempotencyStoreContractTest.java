package dev.callbridge.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.MutableClock;
import dev.callbridge.store.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared idempotency contract on PostgreSQL, and what only the PostgreSQL store does. */
class PostgresIdempotencyStoreContractTest extends IdempotencyStoreContract {

    static final Duration LEASE = Duration.ofMinutes(10);
    private static TestDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyTable() {
        database.truncate("idempotency_keys");
    }

    @Override
    IdempotencyStore store() {
        return postgres();
    }

    private PostgresIdempotencyStore postgres() {
        return new PostgresIdempotencyStore(database.pool(), LEASE, RETENTION, MAX_BYTES, clock);
    }

    @Test
    void aClaimLeftByADeadReplicaExpiresAfterTheLease() {
        PostgresIdempotencyStore store = postgres();
        assertThat(await(store.claim("k", "f"))).isInstanceOf(Claim.Granted.class);
        clock.advance(LEASE.minusSeconds(1));
        assertThat(await(store.claim("k", "f"))).isInstanceOf(Claim.InFlight.class);
        clock.advance(Duration.ofSeconds(1));
        assertThat(await(store.claim("k", "f"))).as("the lease is over: a retry runs again")
                .isInstanceOf(Claim.Granted.class);
    }

    @Test
    void twoStoresOnOneDatabaseShareKeys() {
        PostgresIdempotencyStore replicaA = postgres();
        PostgresIdempotencyStore replicaB = postgres();
        assertThat(await(replicaA.claim("k", "f"))).isInstanceOf(Claim.Granted.class);
        assertThat(await(replicaB.claim("k", "f"))).isInstanceOf(Claim.InFlight.class);
        await(replicaA.complete("k", CREATED));
        Claim onB = await(replicaB.claim("k", "f"));
        assertThat(onB).isInstanceOf(Claim.Replay.class);
        assertThat(((Claim.Replay) onB).response().body()).isEqualTo(CREATED.body());
    }

    @Test
    void purgeDeletesOnlyWhatHasExpired() {
        PostgresIdempotencyStore store = postgres();
        await(store.claim("finished", "f"));
        await(store.complete("finished", CREATED));
        await(store.claim("running", "f"));
        clock.advance(LEASE);
        assertThat(await(store.purgeExpired())).as("the running claim's lease is over").isEqualTo(1);
        clock.advance(RETENTION);
        assertThat(await(store.purgeExpired())).isEqualTo(1);
        assertThat(await(store.purgeExpired())).isZero();
    }
}
