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
 * (the owner is forgotten); one made on another replica within {@link #FRESH_FOR}. A final event
 * ({@code call.ended}, {@code call.failed}) is always offered to the outbox, which writes it only
 * for subscriptions that want it, so a subscription never misses how a call ended.
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

    /** The event types the owner's subscriptions ask for. */
    Uni<Set<String>> wanted(String owner) {
        Instant now = clock.instant();
        Read read = owners.get(owner);
        if (read != null && read.until().isAfter(now)) {
            return Uni.createFrom().item(read.types());
        }
        return store.list(owner).map(subscriptions -> {
            Set<String> types = new HashSet<>();
            subscriptions.forEach(subscription -> types.addAll(subscription.events()));
            if (owners.size() >= MAX_OWNERS) {
                owners.clear();
            }
            Set<String> kept = Set.copyOf(types);
            owners.put(owner, new Read(kept, now.plus(FRESH_FOR)));
            return kept;
        });
    }

    /** Forgets what is known of the owner: its subscriptions changed on this instance. */
    void changed(String owner) {
        owners.remove(owner);
    }

    private record Read(Set<String> types, Instant until) {
    }
}
