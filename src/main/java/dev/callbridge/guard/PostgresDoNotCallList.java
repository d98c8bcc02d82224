package dev.callbridge.guard;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The do-not-call list in PostgreSQL, shared by every replica and kept across restarts. An
 * addition is one transaction under an advisory lock: a listed number is left as it is,
 * otherwise the list is counted and the number inserted.
 */
class PostgresDoNotCallList implements DoNotCallList {

    private final Pool pool;

    PostgresDoNotCallList(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Added> add(DoNotCallEntry entry, int maxEntries) {
        return pool.withTransaction(connection -> connection.query(DoNotCallQueries.LOCK_LIST).execute()
                .flatMap(locked -> connection.preparedQuery(DoNotCallQueries.FIND).execute(Tuple.of(entry.number())))
                .flatMap(found -> found.rowCount() > 0 ? Uni.createFrom().item(Added.ALREADY_LISTED)
                        : connection.query(DoNotCallQueries.COUNT).execute().flatMap(count ->
                                count.iterator().next().getLong(0) >= maxEntries ? Uni.createFrom().item(Added.FULL)
                                        : connection.preparedQuery(DoNotCallQueries.INSERT)
                                                .execute(Tuple.of(entry.number(),
                                                        entry.addedAt().atOffset(ZoneOffset.UTC)))
                                                .replaceWith(Added.ADDED))));
    }

    @Override
    public Uni<Optional<DoNotCallEntry>> find(String number) {
        return pool.preparedQuery(DoNotCallQueries.FIND).execute(Tuple.of(number))
                .map(rows -> entries(rows).stream().findFirst());
    }

    @Override
    public Uni<Boolean> remove(String number) {
        return pool.preparedQuery(DoNotCallQueries.DELETE).execute(Tuple.of(number)).map(rows -> rows.rowCount() > 0);
    }

    @Override
    public Uni<List<DoNotCallEntry>> list(String after, int limit) {
        return pool.preparedQuery(DoNotCallQueries.LIST).execute(Tuple.of(after, limit)).map(PostgresDoNotCallList::entries);
    }

    private static List<DoNotCallEntry> entries(RowSet<Row> rows) {
        List<DoNotCallEntry> entries = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> entries.add(new DoNotCallEntry(row.getString("number"),
                row.getOffsetDateTime("added_at").toInstant())));
        return entries;
    }
}
