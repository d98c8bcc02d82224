package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What every {@link SubscriptionStore} does; each implementation's test supplies a fresh store. */
abstract class SubscriptionStoreContract {

    static final String ALICE = "owner-alice";
    static final String BOB = "owner-bob";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    /** A store with nothing in it. */
    abstract SubscriptionStore store();

    static Subscription subscription(String owner, String... events) {
        return new Subscription(UUID.randomUUID().toString(), owner, "https://example.com/hook",
                List.of(events), "secret-" + UUID.randomUUID(), T0);
    }

    static OutboundEvent event(String owner, String placementId, String type) {
        return new OutboundEvent(owner, EventIds.of(placementId, type), type, placementId, T0,
                "{\"type\":\"" + type + "\"}");
    }

    static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void subscriptionsAreScopedByOwnerAndBoundedPerOwner() {
        SubscriptionStore store = store();
        Subscription first = subscription(ALICE, "call.placed");
        Subscription second = subscription(ALICE, "call.ended");
        assertThat(await(store.create(first, 2))).isTrue();
        assertThat(await(store.create(second, 2))).isTrue();
        assertThat(await(store.create(subscription(ALICE, "call.ended"), 2))).isFalse();
        assertThat(await(store.create(subscription(BOB, "call.ended"), 2))).isTrue();

        assertThat(await(store.list(ALICE))).extracting(Subscription::id).containsExactlyInAnyOrder(first.id(), second.id());
        assertThat(await(store.find(ALICE, first.id()))).get().extracting(Subscription::secret).isEqualTo(first.secret());
        assertThat(await(store.find(BOB, first.id()))).isEmpty();
        assertThat(await(store.delete(BOB, first.id()))).isFalse();
        assertThat(await(store.delete(ALICE, first.id()))).isTrue();
        assertThat(await(store.find(ALICE, first.id()))).isEmpty();
    }

    @Test
    void anEventIsQueuedOncePerMatchingSubscriptionOfItsOwner() {
        SubscriptionStore store = store();
        Subscription placed = subscription(ALICE, "call.placed", "call.ended");
        Subscription endedOnly = subscription(ALICE, "call.ended");
        Subscription bobs = subscription(BOB, "call.placed");
        for (Subscription s : List.of(placed, endedOnly, bobs)) {
            await(store.create(s, 10));
        }
        assertThat(await(store.enqueue(event(ALICE, "p1", "call.placed"), T0))).isEqualTo(1);
        assertThat(await(store.enqueue(event(ALICE, "p1", "call.placed"), T0))).isZero();
        assertThat(await(store.enqueue(event(ALICE, "p1", "call.ended"), T0))).isEqualTo(2);
        assertThat(await(store.pending())).isEqualTo(3);
        assertThat(await(store.deliveries(bobs.id(), null, null, 10))).isEmpty();
        assertThat(await(store.deliveries(placed.id(), null, null, 10))).extracting(Delivery::type)
                .containsExactly("call.ended", "call.placed");
    }

    @Test
    void aCallsLaterEventWaitsUntilTheEarlierOneIsDeliveredOrDead() {
        SubscriptionStore store = store();
        Subscription s = subscription(ALICE, "call.placed", "call.ringing", "call.ended");
        await(store.create(s, 10));
        await(store.enqueue(event(ALICE, "p1", "call.placed"), T0));
        await(store.enqueue(event(ALICE, "p2", "call.placed"), T0));
        await(store.enqueue(event(ALICE, "p1", "call.ringing"), T0));
        await(store.enqueue(event(ALICE, "p1", "call.ended"), T0));

        List<ClaimedDelivery> first = await(store.claimDue(T0, LEASE, 10));
        assertThat(first).extracting(c -> c.delivery().placementId() + " " + c.delivery().type())
                .containsExactly("p1 call.placed", "p2 call.placed");
        assertThat(first.get(0).url()).isEqualTo(s.url());
        assertThat(first.get(0).secret()).isEqualTo(s.secret());
        // Held by their lease, and p1's ringing waits behind p1's placed.
        assertThat(await(store.claimDue(T0.plusSeconds(1), LEASE, 10))).isEmpty();

        // A failure keeps the order: ringing still waits while placed is pending for its retry.
        await(store.record(first.get(0), AttemptOutcome.answered(500), T0.plusSeconds(1), T0.plusSeconds(5)));
        await(store.record(first.get(1), AttemptOutcome.answered(204), T0.plusSeconds(1), null));
        assertThat(await(store.claimDue(T0.plusSeconds(2), LEASE, 10))).isEmpty();

        ClaimedDelivery retried = await(store.claimDue(T0.plusSeconds(5), LEASE, 10)).get(0);
        assertThat(retried.delivery().attempts()).isEqualTo(1);
        assertThat(retried.delivery().lastStatus()).isEqualTo(500);
        await(store.record(retried, AttemptOutcome.failed("timed out"), T0.plusSeconds(6), null));

        List<ClaimedDelivery> next = await(store.claimDue(T0.plusSeconds(6), LEASE, 10));
        assertThat(next).extracting(c -> c.delivery().type()).containsExactly("call.ringing");
        List<Delivery> dead = await(store.deliveries(s.id(), DeliveryState.DEAD, null, 10));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.type()).isEqualTo("call.placed");
            assertThat(d.attempts()).isEqualTo(2);
            assertThat(d.lastError()).isEqualTo("timed out");
            assertThat(d.lastStatus()).isNull();
        });
        assertThat(await(store.deliveries(s.id(), DeliveryState.DELIVERED, null, 10))).singleElement()
                .satisfies(d -> assertThat(d.deliveredAt()).isEqualTo(T0.plusSeconds(1)));
    }

    @Test
    void aLapsedLeaseIsTakenOverAndTheOldClaimRecordsNothing() {
        SubscriptionStore store = store();
        Subscription s = subscription(ALICE, "call.placed");
        await(store.create(s, 10));
        await(store.enqueue(event(ALICE, "p1", "call.placed"), T0));
        ClaimedDelivery lapsed = await(store.claimDue(T0, LEASE, 10)).get(0);
        ClaimedDelivery taken = await(store.claimDue(T0.plus(LEASE).plusSeconds(1), LEASE, 10)).get(0);
        assertThat(taken.token()).isNotEqualTo(lapsed.token());

        await(store.record(lapsed, AttemptOutcome.answered(204), T0.plusSeconds(40), null));
        assertThat(await(store.pending())).isEqualTo(1);
        await(store.record(taken, AttemptOutcome.answered(204), T0.plusSeconds(41), null));
        assertThat(await(store.pending())).isZero();
    }

    @Test
    void deletingASubscriptionDropsItsDeliveries() {
        SubscriptionStore store = store();
        Subscription s = subscription(ALICE, "call.placed");
        await(store.create(s, 10));
        await(store.enqueue(event(ALICE, "p1", "call.placed"), T0));
        await(store.delete(ALICE, s.id()));
        assertThat(await(store.pending())).isZero();
        assertThat(await(store.claimDue(T0, LEASE, 10))).isEmpty();
    }

    @Test
    void deliveriesArePagedNewestFirst() {
        SubscriptionStore store = store();
        Subscription s = subscription(ALICE, "call.placed");
        await(store.create(s, 10));
        for (int i = 0; i < 5; i++) {
            await(store.enqueue(event(ALICE, "p" + i, "call.placed"), T0));
        }
        List<Delivery> page = await(store.deliveries(s.id(), null, null, 2));
        assertThat(page).extracting(Delivery::placementId).containsExactly("p4", "p3");
        List<Delivery> older = await(store.deliveries(s.id(), DeliveryState.PENDING, page.get(1).seq(), 10));
        assertThat(older).extracting(Delivery::placementId).containsExactly("p2", "p1", "p0");
    }
}
