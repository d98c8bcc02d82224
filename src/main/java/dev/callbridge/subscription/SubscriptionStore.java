package dev.callbridge.subscription;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and their outbox. Every read and write of a subscription is scoped by its owner,
 * so one API key never sees another's.
 */
public interface SubscriptionStore {

    /** Stores a subscription unless its owner already holds {@code max}; whether it was stored. */
    Uni<Boolean> create(Subscription subscription, int max);

    /** The owner's subscriptions, oldest first. */
    Uni<List<Subscription>> list(String owner);

    /** One of the owner's subscriptions. */
    Uni<Optional<Subscription>> find(String owner, String id);

    /** Deletes one of the owner's subscriptions and drops its deliveries; whether it existed. */
    Uni<Boolean> delete(String owner, String id);

    /**
     * Queues the event for every subscription of its owner that wants its type, at most once per
     * subscription and event id; how many deliveries were queued.
     */
    Uni<Integer> enqueue(OutboundEvent event, Instant now);

    /**
     * Claims up to {@code limit} due deliveries for {@code lease}: pending, due by {@code now},
     * not held by another claim, and with no earlier pending delivery of the same call to the
     * same subscription.
     */
    Uni<List<ClaimedDelivery>> claimDue(Instant now, java.time.Duration lease, int limit);

    /**
     * Records an attempt's outcome for a claim: delivered, pending again until {@code retryAt}, or
     * dead when {@code retryAt} is {@code null} and the attempt failed.
     */
    Uni<Void> record(ClaimedDelivery claim, AttemptOutcome outcome, Instant now, Instant retryAt);

    /**
     * One page of a subscription's deliveries, newest first: those with a {@code seq} below
     * {@code before} (all when {@code null}), in {@code state} (any when {@code null}).
     */
    Uni<List<Delivery>> deliveries(String subscriptionId, DeliveryState state, Long before, int limit);

    /** How many deliveries are pending, over every subscription. */
    Uni<Long> pending();
}
