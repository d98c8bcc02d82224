package dev.callbridge.number;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.store.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared number route store contract on PostgreSQL, and what only a shared store must do. */
class PostgresNumberRouteStoreContractTest extends NumberRouteStoreContract {

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
        database.truncate("number_routes");
    }

    @Override
    NumberRouteStore store() {
        return new PostgresNumberRouteStore(database.pool(), JSON);
    }

    @Test
    void aRouteStoredOnOneReplicaIsFoundOnAnother() {
        Pool other = database.openPool();
        try {
            await(new PostgresNumberRouteStore(other, JSON).put(route("+14155550100", ALICE, "agent-1", T0), 10));

            assertThat(await(store().find("+14155550100"))).contains(route("+14155550100", ALICE, "agent-1", T0));
        } finally {
            other.close().await().indefinitely();
        }
    }

    @Test
    void replicasRoutingNewNumbersAtOnceNeverPassTheLimit() throws Exception {
        for (int round = 0; round < 3; round++) {
            database.truncate("number_routes");
            Pool other = database.openPool();
            try {
                NumberRouteStore a = store();
                NumberRouteStore b = new PostgresNumberRouteStore(other, JSON);
                List<CompletableFuture<RouteWrite>> writes = IntStream.range(0, 10)
                        .mapToObj(i -> (i % 2 == 0 ? a : b).put(route("+1415555011" + i, ALICE, "agent-1", T0), 4)
                                .subscribeAsCompletionStage())
                        .toList();
                long created = 0;
                for (CompletableFuture<RouteWrite> write : writes) {
                    if (write.get(10, TimeUnit.SECONDS).outcome() == RouteWrite.Outcome.CREATED) {
                        created++;
                    }
                }

                assertThat(created).isEqualTo(4);
                assertThat(await(a.list(ALICE, null, 100))).hasSize(4);
            } finally {
                other.close().await().indefinitely();
            }
        }
    }

    @Test
    void twoOwnersRoutingOneNumberAtOnceLeaveItWithOne() throws Exception {
        Pool other = database.openPool();
        try {
            CompletableFuture<RouteWrite> alice = store().put(route("+14155550100", ALICE, "agent-1", T0), 10)
                    .subscribeAsCompletionStage();
            CompletableFuture<RouteWrite> bob = new PostgresNumberRouteStore(other, JSON)
                    .put(route("+14155550100", BOB, "agent-2", T0), 10).subscribeAsCompletionStage();
            List<RouteWrite.Outcome> outcomes = List.of(alice.get(10, TimeUnit.SECONDS).outcome(),
                    bob.get(10, TimeUnit.SECONDS).outcome());

            assertThat(outcomes).containsExactlyInAnyOrder(RouteWrite.Outcome.CREATED,
                    RouteWrite.Outcome.OWNED_BY_ANOTHER);
        } finally {
            other.close().await().indefinitely();
        }
    }
}
