package dev.callbridge.subscription;

import dev.callbridge.store.ExpiringStore;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Subscriptions and outbox in this process' memory: one instance, forgotten on restart. Every
 * method holds the store's lock for a few map operations, so claims are as exclusive as with
 * PostgreSQL. Finished deliveries are kept for the retention period, and the outbox holds at most
 * {@code maxQueued} rows: the oldest finished ones make room first, and when every row is pending
 * a new event is dropped (and logged) rather than let memory grow without bound.
 */
public class InMemorySubscriptionStore implements SubscriptionStore, ExpiringStore {

    /** Mutable row: the delivery plus its claim. */
    private static final class Row {
        Delivery delivery;
        Instant leaseUntil;
        String token;
        Instant expiresAt;

        Row(Delivery delivery) {
            this.delivery = delivery;
        }
    }

    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final TreeMap<Long, Row> rows = new TreeMap<>();
    private final Set<String> queued = new HashSet<>();
    private final Duration retention;
    private final int maxQueued;
    private long nextSeq = 1;

    InMemorySubscriptionStore(Duration retention, int maxQueued) {
        this.retention = retention;
        this.maxQueued = maxQueued;
    }

    @Override
    public synchronized Uni<Boolean> create(Subscription subscription, int max) {
        long held = subscriptions.values().stream().filter(s -> s.owner().equals(subscription.owner())).count();
        if (held >= max) {
            return Uni.createFrom().item(false);
        }
        subscriptions.put(subscription.id(), subscription);
        return Uni.createFrom().item(true);
    }

    @Override
    public synchronized Uni<List<Subscription>> list(String owner) {
        return Uni.createFrom().item(subscriptions.values().stream().filter(s -> s.owner().equals(owner))
                .sorted(Comparator.comparing(Subscription::createdAt)).toList());
    }

    @Override
    public synchronized Uni<Optional<Subscription>> find(String owner, String id) {
        return Uni.createFrom().item(Optional.ofNullable(subscriptions.get(id)).filter(s -> s.owner().equals(owner)));
    }

    @Override
    public synchronized Uni<Boolean> delete(String owner, String id) {
        Subscription found = subscriptions.get(id);
        if (found == null || !found.owner().equals(owner)) {
            return Uni.createFrom().item(false);
        }
        subscriptions.remove(id);
        rows.values().removeIf(row -> row.delivery.subscriptionId().equals(id));
        queued.removeIf(key -> key.startsWith(id + "/"));
        return Uni.createFrom().item(true);
    }

    @Override
    public synchronized Uni<Integer> enqueue(OutboundEvent event, Instant now) {
        int added = 0;
        for (Subscription subscription : subscriptions.values()) {
            if (subscription.owner().equals(event.owner()) && subscription.wants(event.type())
                    && !queued.contains(subscription.id() + "/" + event.id()) && makeRoom(now)) {
                long seq = nextSeq++;
                rows.put(seq, new Row(new Delivery(seq, subscription.id(), event.id(), event.type(),
                        event.placementId(), event.body(), DeliveryState.PENDING, 0, null, null, now, null, now)));
                queued.add(subscription.id() + "/" + event.id());
                added++;
            }
        }
        return Uni.createFrom().item(added);
    }

    /** Whether a row fits, after evicting expired and, if need be, the oldest finished rows. */
    private boolean makeRoom(Instant now) {
        if (rows.size() >= maxQueued) {
            purge(now);
        }
        Iterator<Row> oldest = rows.values().iterator();
        while (rows.size() >= maxQueued && oldest.hasNext()) {
            Row row = oldest.next();
            if (row.delivery.state() != DeliveryState.PENDING) {
                forget(row);
                oldest.remove();
            }
        }
        if (rows.size() >= maxQueued) {
            Log.warnf("Webhook outbox full (%d pending deliveries): an event is dropped", rows.size());
            return false;
        }
        return true;
    }

    @Override
    public synchronized Uni<List<ClaimedDelivery>> claimDue(Instant now, Duration lease, int limit) {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        Set<String> blockedCalls = new HashSet<>();
        for (Row row : rows.values()) {
            if (claimed.size() >= limit) {
                break;
            }
            Delivery d = row.delivery;
            if (d.state() != DeliveryState.PENDING) {
                continue;
            }
            // The first pending delivery of a call (in seq order) is the only one that may go.
            if (!blockedCalls.add(d.subscriptionId() + "/" + d.placementId())) {
                continue;
            }
            boolean held = row.leaseUntil != null && row.leaseUntil.isAfter(now);
            if (!held && !d.nextAttemptAt().isAfter(now)) {
                row.leaseUntil = now.plus(lease);
                row.token = UUID.randomUUID().toString();
                Subscription s = subscriptions.get(d.subscriptionId());
                claimed.add(new ClaimedDelivery(d, s.url(), s.secret(), row.token));
            }
        }
        return Uni.createFrom().item(claimed);
    }

    @Override
    public synchronized Uni<Void> record(ClaimedDelivery claim, AttemptOutcome outcome, Instant now, Instant retryAt) {
        Row row = rows.get(claim.delivery().seq());
        if (row == null || !claim.token().equals(row.token)) {
            return Uni.createFrom().voidItem();
        }
        Delivery d = row.delivery;
        DeliveryState state = outcome.delivered() ? DeliveryState.DELIVERED
                : retryAt == null ? DeliveryState.DEAD : DeliveryState.PENDING;
        row.delivery = new Delivery(d.seq(), d.subscriptionId(), d.eventId(), d.type(), d.placementId(), d.body(),
                state, d.attempts() + 1, outcome.status(), outcome.error(),
                state == DeliveryState.PENDING ? retryAt : d.nextAttemptAt(),
                outcome.delivered() ? now : null, d.createdAt());
        row.leaseUntil = null;
        row.token = null;
        row.expiresAt = state == DeliveryState.PENDING ? null : now.plus(retention);
        return Uni.createFrom().voidItem();
    }

    @Override
    public synchronized Uni<List<Delivery>> deliveries(String subscriptionId, DeliveryState state, Long before,
            int limit) {
        Map<Long, Row> range = before == null ? rows.descendingMap() : rows.headMap(before, false).descendingMap();
        return Uni.createFrom().item(range.values().stream().map(row -> row.delivery)
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .filter(d -> state == null || d.state() == state).limit(limit).toList());
    }

    @Override
    public synchronized Uni<Long> pending() {
        return Uni.createFrom().item(rows.values().stream()
                .filter(row -> row.delivery.state() == DeliveryState.PENDING).count());
    }

    @Override
    public synchronized Uni<Integer> purgeExpired() {
        return Uni.createFrom().item(purge(Instant.now()));
    }

    private int purge(Instant now) {
        int before = rows.size();
        rows.values().removeIf(row -> {
            boolean expired = row.expiresAt != null && !row.expiresAt.isAfter(now);
            if (expired) {
                forget(row);
            }
            return expired;
        });
        return before - rows.size();
    }

    private void forget(Row row) {
        queued.remove(row.delivery.subscriptionId() + "/" + row.delivery.eventId());
    }
}
