package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.store.TestDatabase;
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
}
