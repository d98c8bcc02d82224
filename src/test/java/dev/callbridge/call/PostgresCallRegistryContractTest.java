package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.store.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared call registry contract on PostgreSQL, and what only the PostgreSQL registry does. */
class PostgresCallRegistryContractTest extends CallRegistryContract {

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
        database.truncate("calls");
    }

    @Override
    CallRegistry registry() {
        return postgres();
    }

    private PostgresCallRegistry postgres() {
        return new PostgresCallRegistry(database.pool(), KEPT, clock);
    }

    @Test
    void aCallRecordedOnOneReplicaIsFoundOnAnother() {
        await(postgres().put(call("shared")));

        assertThat(await(postgres().find("shared"))).contains(call("shared"));
    }

    @Test
    void purgeDeletesCallsPastTheirRetention() {
        PostgresCallRegistry registry = postgres();
        await(registry.put(call("a")));
        await(registry.put(call("b")));
        assertThat(await(registry.purgeExpired())).isZero();
        now = now.plus(KEPT);

        assertThat(await(registry.purgeExpired())).isEqualTo(2);
    }
}
