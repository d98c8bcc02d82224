package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which event types an owner wants, read once and then kept until a local change. */
class SubscribedEventsTest {

    private final InMemorySubscriptionStore store = new InMemorySubscriptionStore(Duration.ofDays(7), 1000);
    private final SubscribedEvents subscribed = new SubscribedEvents(store);

    private boolean wanted(String owner, String type) {
        return subscribed.wanted(owner).await().atMost(Duration.ofSeconds(5)).contains(type);
    }

    @Test
    void anOwnerWantsOnlyTheTypesItsSubscriptionsAskFor() {
        assertThat(wanted("alice", "call.ended")).isFalse();

        store.create(new Subscription("s1", "alice", "https://example.com/hook", List.of("call.ended"),
                "whsec_0123456789abcdef", Instant.now()), 20).await().atMost(Duration.ofSeconds(5));
        // Still the answer read a moment ago: a change made elsewhere is seen within a second.
        assertThat(wanted("alice", "call.ended")).isFalse();
        subscribed.changed("alice");

        assertThat(wanted("alice", "call.ended")).isTrue();
        assertThat(wanted("alice", "call.placed")).isFalse();
        assertThat(wanted("bob", "call.ended")).isFalse();
    }
}
