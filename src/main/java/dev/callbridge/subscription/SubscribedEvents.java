package dev.callbridge.subscription;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which event types an owner's subscriptions ask for, read from the store and kept for
 * {@link #FRESH_FOR}, so a call placed by an owner with no subscription costs neither the
 * serialisation of its event nor an outbox write. A change on this instance is seen at once
 * (the owner is forgotten); one made on another replica within {@link #FRESH_FOR}. That only
 * delays a call's events: the next report about the call publishes every event its state implies.
 */
@ApplicationScoped
public class SubscribedEvents {

    /** How long an owner's event types are taken as read. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    /** Most owners kept (owners are API keys: few); past it the cache starts over. */
    private static final int MAX_OWNERS = 1_000;

    private final SubscriptionStore store;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Read> owners = new ConcurrentHashMap<>();

    SubscribedEvents(SubscriptionStore store) {
        this.store = store;
    }

    /** Whether any subscription of the owner asks for events of this type. */
    Uni<Boolean> wanted(String owner, String type) {
        Instant now = clock.instant();
        Read read = owners.get(owner);
        if (read != null && read.until().isAfter(now)) {
            return Uni.createFrom().item(read.types().contains(type));
        }
        return store.list(owner).map(subscriptions -> {
            Set<String> types = new HashSet<>();
            subscriptions.forEach(subscription -> types.addAll(subscription.events()));
            if (owners.size() >= MAX_OWNERS) {
                owners.clear();
            }
            owners.put(owner, new Read(Set.copyOf(types), now.plus(FRESH_FOR)));
            return types.contains(type);
        });
    }

    /** Forgets what is known of the owner: its subscriptions changed on this instance. */
    void changed(String owner) {
        owners.remove(owner);
    }

    private record Read(Set<String> types, Instant until) {
    }
}
