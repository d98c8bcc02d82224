package dev.callbridge.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.store.TestDatabase;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The do-not-call list contract on PostgreSQL, and what only a shared list must do. */
class PostgresDoNotCallListContractTest extends DoNotCallListContract {

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
        database.truncate("do_not_call");
    }

    @Override
    DoNotCallList list() {
        return new PostgresDoNotCallList(database.pool());
    }

    @Test
    void aNumberListedThroughOneReplicaIsFoundByAnother() {
        Pool other = database.openPool();
        try {
            await(new PostgresDoNotCallList(other).add(new DoNotCallEntry("+14155550123", T0), 10));

            assertThat(await(list().find("+14155550123"))).contains(new DoNotCallEntry("+14155550123", T0));
        } finally {
            other.close().await().indefinitely();
        }
    }

    @Test
    void replicasAddingNumbersAtOnceNeverPassTheLimit() {
        Pool other = database.openPool();
        try {
            DoNotCallList a = list();
            DoNotCallList b = new PostgresDoNotCallList(other);
            List<CompletableFuture<DoNotCallList.Added>> adds = IntStream.range(0, 20)
                    .mapToObj(i -> (i % 2 == 0 ? a : b).add(new DoNotCallEntry("+1415555%04d".formatted(i), T0), 5)
                            .subscribeAsCompletionStage())
                    .toList();
            adds.forEach(CompletableFuture::join);

            assertThat(adds).filteredOn(add -> add.join() == DoNotCallList.Added.ADDED).hasSize(5);
            assertThat(await(list().list(null, 100))).hasSize(5);
        } finally {
            other.close().await().indefinitely();
        }
    }
}
