package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.store.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared call ledger contract on PostgreSQL, and what only the PostgreSQL ledger does. */
class PostgresCallLedgerContractTest extends CallLedgerContract {

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
        database.truncate("call_placements");
        database.truncate("call_events");
    }

    @Override
    CallLedger ledger() {
        return postgres();
    }

    private PostgresCallLedger postgres() {
        return new PostgresCallLedger(database.pool(), KEPT, clock);
    }

    @Test
    void aPlacementRecordedOnOneReplicaIsFoundOnAnother() {
        await(postgres().save(dialed("shared")));

        assertThat(await(postgres().find("uv-shared"))).contains(dialed("shared"));
    }

    @Test
    void purgeDeletesPlacementsPastTheirRetention() {
        PostgresCallLedger ledger = postgres();
        await(ledger.save(dialed("a")));
        await(ledger.save(dialed("b")));
        assertThat(await(ledger.purgeExpired())).isZero();
        clock.advance(KEPT);

        assertThat(await(ledger.purgeExpired())).isEqualTo(2);
    }

    @Test
    void purgeDeletesTimelinesWithTheirPlacements() {
        PostgresCallLedger ledger = postgres();
        await(ledger.save(dialed("a")));
        await(ledger.recordEvent("CA-a", event(0, "initiated")));
        clock.advance(KEPT);
        await(ledger.purgeExpired());

        assertThat(database.pool().query("SELECT count(*) FROM call_events").execute().await().indefinitely()
                .iterator().next().getLong(0)).isZero();
    }

    @Test
    void callbacksOfOneCallRecordedAtOnceEndOnTheHighestStatus() throws Exception {
        for (int round = 0; round < 5; round++) {
            database.truncate("call_placements");
            database.truncate("call_events");
            await(postgres().save(dialed("c")));
            Pool other = database.openPool();
            try {
                PostgresCallLedger b = new PostgresCallLedger(other, KEPT, clock);
                CompletableFuture<CallEvent.Outcome> ringing = postgres().recordEvent("CA-c", event(1, "ringing"))
                        .map(CallLedger.Recorded::outcome).subscribeAsCompletionStage();
                CompletableFuture<CallEvent.Outcome> answered = b.recordEvent("CA-c", event(2, "in-progress"))
                        .map(CallLedger.Recorded::outcome).subscribeAsCompletionStage();
                assertThat(ringing.get(10, TimeUnit.SECONDS)).isEqualTo(CallEvent.Outcome.RECORDED);
                assertThat(answered.get(10, TimeUnit.SECONDS)).isEqualTo(CallEvent.Outcome.RECORDED);

                assertThat(twilioStatus(postgres(), "c")).isEqualTo("in-progress");
            } finally {
                other.close().await().indefinitely();
            }
        }
    }

    @Test
    void replicasClaimingAtOnceGetDisjointPlacementsThatTogetherAreAll() throws Exception {
        for (int round = 0; round < 5; round++) {
            database.truncate("call_placements");
            for (int i = 0; i < 10; i++) {
                await(postgres().save(accepted("r" + round + "-" + i, "agent-1", ACCEPTED.minusSeconds(300 - i))));
            }
            // Two replicas, each with its own connection pool.
            Pool other = database.openPool();
            try {
                PostgresCallLedger a = postgres();
                PostgresCallLedger b = new PostgresCallLedger(other, KEPT, clock);
                CompletableFuture<List<CallPlacement>> first = a.claimUnsettled(ACCEPTED, Duration.ofMinutes(2), 6)
                        .subscribeAsCompletionStage();
                CompletableFuture<List<CallPlacement>> second = b.claimUnsettled(ACCEPTED, Duration.ofMinutes(2), 6)
                        .subscribeAsCompletionStage();
                List<String> byA = ids(first.get(10, TimeUnit.SECONDS));
                List<String> byB = ids(second.get(10, TimeUnit.SECONDS));

                assertThat(byA).doesNotContainAnyElementsOf(byB);
                assertThat(Stream.concat(byA.stream(), byB.stream()).toList()).hasSize(10).doesNotHaveDuplicates();
            } finally {
                other.close().await().indefinitely();
            }
        }
    }

    private static List<String> ids(List<CallPlacement> placements) {
        return placements.stream().map(CallPlacement::placementId).toList();
    }
}
