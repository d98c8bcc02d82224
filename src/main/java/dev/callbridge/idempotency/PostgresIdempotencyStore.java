package dev.callbridge.idempotency;

import dev.callbridge.config.IdempotencyConfig;
import dev.callbridge.store.ExpiringStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Idempotency keys in PostgreSQL, shared by every replica that uses the database. A claim is one
 * {@code INSERT … ON CONFLICT} statement, so of many concurrent claims of one key on any number
 * of replicas exactly one is granted ({@link IdempotencyQueries#CLAIM}).
 *
 * <p>Unlike the memory store, a claim here does not live for ever: a replica that dies while its
 * request runs cannot release it, so each claim holds its key for a lease
 * ({@code CALLBRIDGE_IDEMPOTENCY_LEASE}), after which a retry runs again. Finished keys are kept
 * for the retention period and deleted by {@link #purgeExpired()}; they are bounded by time
 * only, not by count or bytes. As in memory, a response larger than a sixteenth of
 * {@code CALLBRIDGE_IDEMPOTENCY_MAX_BYTES} is kept without its body.
 */
public class PostgresIdempotencyStore implements IdempotencyStore, ExpiringStore {

    /** Attempts at a claim when the row seen as taken is gone by the time it is read. */
    private static final int CLAIM_ATTEMPTS = 3;

    private final Pool pool;
    private final Duration lease;
    private final Duration retention;
    private final long maxBytes;
    private final Clock clock;

    PostgresIdempotencyStore(Pool pool, IdempotencyConfig config, Clock clock) {
        this(pool, config.lease(), config.retention(), config.maxBytes().asLongValue(), clock);
    }

    PostgresIdempotencyStore(Pool pool, Duration lease, Duration retention, long maxBytes, Clock clock) {
        this.pool = pool;
        this.lease = lease;
        this.retention = retention;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public Uni<Claim> claim(String key, String fingerprint) {
        return Uni.createFrom().deferred(() -> claim(key, fingerprint, CLAIM_ATTEMPTS));
    }

    private Uni<Claim> claim(String key, String fingerprint, int attempts) {
        OffsetDateTime now = now();
        return pool.preparedQuery(IdempotencyQueries.CLAIM).execute(Tuple.of(key, fingerprint, now.plus(lease), now))
                .flatMap(granted -> granted.rowCount() > 0 ? Uni.createFrom().<Claim>item(new Claim.Granted())
                        : existing(key, fingerprint, now, attempts));
    }

    /** What holds the key; gone already (released or expired since) means: claim again. */
    private Uni<Claim> existing(String key, String fingerprint, OffsetDateTime now, int attempts) {
        return pool.preparedQuery(IdempotencyQueries.FIND).execute(Tuple.of(key, now))
                .flatMap(rows -> {
                    if (rows.rowCount() == 0) {
                        return attempts > 1 ? claim(key, fingerprint, attempts - 1)
                                : Uni.createFrom().item(new Claim.InFlight());
                    }
                    return Uni.createFrom().item(outcome(rows.iterator().next(), fingerprint));
                });
    }

    private static Claim outcome(Row row, String fingerprint) {
        if (!row.getString("fingerprint").equals(fingerprint)) {
            return new Claim.Mismatch();
        }
        if ("claimed".equals(row.getString("state"))) {
            return new Claim.InFlight();
        }
        Buffer body = row.getBuffer("body");
        return new Claim.Replay(new StoredResponse(row.getInteger("status"), row.getString("content_type"),
                row.getString("location"), body == null ? null : body.getBytes(), row.getBoolean("body_omitted")));
    }

    @Override
    public Uni<Void> complete(String key, StoredResponse response) {
        return Uni.createFrom().deferred(() -> {
            StoredResponse kept = response.keptWithin(maxBytes);
            Tuple values = Tuple.tuple().addString(key).addInteger(kept.status()).addString(kept.contentType())
                    .addString(kept.location())
                    .addValue(kept.body() == null ? null : io.vertx.core.buffer.Buffer.buffer(kept.body()))
                    .addBoolean(kept.bodyOmitted()).addOffsetDateTime(now().plus(retention));
            return pool.preparedQuery(IdempotencyQueries.COMPLETE).execute(values).replaceWithVoid();
        });
    }

    @Override
    public Uni<Void> release(String key) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(IdempotencyQueries.RELEASE)
                .execute(Tuple.of(key)).replaceWithVoid());
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(IdempotencyQueries.PURGE)
                .execute(Tuple.of(now())).map(RowSet::rowCount));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }
}
