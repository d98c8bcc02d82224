package dev.callbridge.subscription;

import dev.callbridge.store.ExpiringStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscriptions and outbox in PostgreSQL, shared by every replica. Publishing is one
 * {@code INSERT … SELECT … ON CONFLICT DO NOTHING}; claiming is one statement that locks due rows
 * with {@code FOR UPDATE SKIP LOCKED} and leases them, so replicas never attempt one delivery at
 * the same time. Finished deliveries expire after the retention period ({@link #purgeExpired()}).
 */
public class PostgresSubscriptionStore implements SubscriptionStore, ExpiringStore {

    private final Pool pool;
    private final Duration retention;
    private final Clock clock;

    PostgresSubscriptionStore(Pool pool, Duration retention, Clock clock) {
        this.pool = pool;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Uni<Boolean> create(Subscription s, int max) {
        return pool.withTransaction(connection -> connection.preparedQuery(SubscriptionQueries.LOCK_OWNER)
                .execute(Tuple.of(s.owner()))
                .flatMap(locked -> connection.preparedQuery(SubscriptionQueries.CREATE).execute(Tuple.from(List.of(
                        s.id(), s.owner(), s.url(), s.events().toArray(String[]::new), s.secret(), at(s.createdAt()),
                        max))))
                .map(rows -> rows.rowCount() == 1));
    }

    @Override
    public Uni<List<Subscription>> list(String owner) {
        return pool.preparedQuery(SubscriptionQueries.LIST).execute(Tuple.of(owner))
                .map(rows -> map(rows, PostgresSubscriptionStore::subscription));
    }

    @Override
    public Uni<Optional<Subscription>> find(String owner, String id) {
        return pool.preparedQuery(SubscriptionQueries.FIND).execute(Tuple.of(owner, id))
                .map(rows -> map(rows, PostgresSubscriptionStore::subscription).stream().findFirst());
    }

    @Override
    public Uni<Boolean> delete(String owner, String id) {
        return pool.preparedQuery(SubscriptionQueries.DELETE).execute(Tuple.of(owner, id))
                .map(rows -> rows.rowCount() > 0);
    }

    @Override
    public Uni<Integer> enqueue(OutboundEvent e, Instant now) {
        // A pending row is never purged, so its far expiry is replaced when it finishes.
        return pool.preparedQuery(SubscriptionQueries.ENQUEUE).execute(Tuple.from(List.of(e.owner(), e.id(),
                e.type(), e.placementId(), e.body(), at(now), at(now.plus(retention).plus(retention)))))
                .map(RowSet::rowCount);
    }

    @Override
    public Uni<List<ClaimedDelivery>> claimDue(Instant now, Duration lease, int limit) {
        String token = UUID.randomUUID().toString();
        return pool.preparedQuery(SubscriptionQueries.CLAIM)
                .execute(Tuple.of(at(now), at(now.plus(lease)), limit, token))
                .map(rows -> {
                    List<ClaimedDelivery> claimed = map(rows, row -> new ClaimedDelivery(delivery(row),
                            row.getString("url"), row.getString("secret"), row.getString("lease_token")));
                    // UPDATE … RETURNING gives no order: the dispatcher sends a call's events in seq order.
                    claimed.sort((a, b) -> Long.compare(a.delivery().seq(), b.delivery().seq()));
                    return claimed;
                });
    }

    @Override
    public Uni<Void> record(ClaimedDelivery claim, AttemptOutcome outcome, Instant now, Instant retryAt) {
        DeliveryState state = outcome.delivered() ? DeliveryState.DELIVERED
                : retryAt == null ? DeliveryState.DEAD : DeliveryState.PENDING;
        Instant expires = state == DeliveryState.PENDING ? now.plus(retention).plus(retention) : now.plus(retention);
        return pool.preparedQuery(SubscriptionQueries.RECORD).execute(Tuple.from(Arrays.asList(
                claim.delivery().seq(), claim.token(), state.wire(), outcome.status(), outcome.error(),
                retryAt == null ? null : at(retryAt), outcome.delivered() ? at(now) : null, at(expires))))
                .replaceWithVoid();
    }

    @Override
    public Uni<List<Delivery>> deliveries(String subscriptionId, DeliveryState state, Long before, int limit) {
        return pool.preparedQuery(SubscriptionQueries.DELIVERIES).execute(Tuple.from(Arrays.asList(
                subscriptionId, state == null ? null : state.wire(), before, limit)))
                .map(rows -> map(rows, PostgresSubscriptionStore::delivery));
    }

    @Override
    public Uni<Long> pending() {
        return pool.query(SubscriptionQueries.PENDING).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    @Override
    public Uni<Integer> purgeExpired() {
        return pool.preparedQuery(SubscriptionQueries.PURGE).execute(Tuple.of(at(clock.instant())))
                .map(RowSet::rowCount);
    }

    private static Subscription subscription(Row row) {
        return new Subscription(row.getString("id"), row.getString("owner"), row.getString("url"),
                List.of(row.getArrayOfStrings("events")), row.getString("secret"), instant(row, "created_at"));
    }

    private static Delivery delivery(Row row) {
        return new Delivery(row.getLong("seq"), row.getString("subscription_id"), row.getString("event_id"),
                row.getString("type"), row.getString("placement_id"), row.getString("body"),
                DeliveryState.fromWire(row.getString("state")), row.getInteger("attempts"),
                row.getInteger("last_status"), row.getString("last_error"), instant(row, "next_attempt_at"),
                instant(row, "delivered_at"), instant(row, "created_at"));
    }

    private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> mapper) {
        List<T> items = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> items.add(mapper.apply(row)));
        return items;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime at = row.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
