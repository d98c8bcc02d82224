package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The memory store: the contract, and its bound on rows. */
class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    SubscriptionStore store() {
        return new InMemorySubscriptionStore(Duration.ofDays(7), 1000);
    }

    @Test
    void aFullOutboxMakesRoomFromFinishedRowsAndOtherwiseDropsTheNewEvent() {
        InMemorySubscriptionStore store = new InMemorySubscriptionStore(Duration.ofDays(7), 2);
        Subscription s = subscription(ALICE, "call.placed");
        await(store.create(s, 10));
        await(store.enqueue(event(ALICE, "p1", "call.placed"), T0));
        await(store.enqueue(event(ALICE, "p2", "call.placed"), T0));
        assertThat(await(store.enqueue(event(ALICE, "p3", "call.placed"), T0))).isZero();

        ClaimedDelivery first = await(store.claimDue(T0, LEASE, 1)).get(0);
        await(store.record(first, AttemptOutcome.answered(200), T0, null));
        assertThat(await(store.enqueue(event(ALICE, "p3", "call.placed"), T0))).isEqualTo(1);
        assertThat(await(store.deliveries(s.id(), null, null, 10))).extracting(Delivery::placementId)
                .containsExactly("p3", "p2");
    }
}
