package dev.callbridge.call;

import dev.callbridge.store.ExpiringStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Calls in PostgreSQL, so {@code GET} and {@code DELETE} of a call work on every replica and
 * after a restart. A call is kept for {@code CALLBRIDGE_CALLS_RETENTION} (default 30 days) after
 * it was recorded, then no longer found and deleted by {@link #purgeExpired()}. PostgreSQL keeps
 * times to the microsecond: a record's {@code createdAt} comes back truncated to that.
 */
public class PostgresCallRegistry implements CallRegistry, ExpiringStore {

    private final Pool pool;
    private final Duration retention;
    private final Clock clock;

    PostgresCallRegistry(Pool pool, Duration retention, Clock clock) {
        this.pool = pool;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Uni<Void> put(CallRecord call) {
        return Uni.createFrom().deferred(() -> {
            Tuple values = Tuple.tuple().addString(call.callId()).addString(call.twilioCallSid())
                    .addString(call.agentId()).addString(call.to()).addString(call.from())
                    .addOffsetDateTime(call.createdAt().atOffset(ZoneOffset.UTC))
                    .addOffsetDateTime(now().plus(retention));
            return pool.preparedQuery(CallQueries.PUT).execute(values).replaceWithVoid();
        });
    }

    @Override
    public Uni<Optional<CallRecord>> find(String callId) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.FIND).execute(Tuple.of(callId, now()))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(record(rows.iterator().next()))));
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(CallQueries.PURGE).execute(Tuple.of(now()))
                .map(RowSet::rowCount));
    }

    private static CallRecord record(Row row) {
        return new CallRecord(row.getString("call_id"), row.getString("twilio_call_sid"), row.getString("agent_id"),
                row.getString("to_number"), row.getString("from_number"),
                row.getOffsetDateTime("created_at").toInstant());
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
