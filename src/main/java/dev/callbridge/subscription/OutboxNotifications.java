package dev.callbridge.subscription;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * The {@link CallNotifications} behind the call pipeline: serialises each event once, as
 * {@code {"id", "type", "createdAt", "data"}}, and queues it in the outbox for the owner's
 * matching subscriptions. It waits for the store only, never for a receiver: the
 * {@link WebhookDispatcher} delivers later.
 */
@ApplicationScoped
public class OutboxNotifications implements CallNotifications {

    private final SubscriptionStore store;
    private final SubscribedEvents subscribed;
    private final ObjectMapper json;
    private final Clock clock;

    @Inject
    OutboxNotifications(SubscriptionStore store, SubscribedEvents subscribed, ObjectMapper json) {
        this(store, subscribed, json, Clock.systemUTC());
    }

    OutboxNotifications(SubscriptionStore store, SubscribedEvents subscribed, ObjectMapper json, Clock clock) {
        this.store = store;
        this.subscribed = subscribed;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Uni<Void> publish(String owner, String placementId, String type, Instant createdAt, Object data) {
        if (!EventTypes.known(type)) {
            return Uni.createFrom().failure(new IllegalArgumentException("Unknown event type " + type));
        }
        return Uni.createFrom().item(() -> event(owner, placementId, type, createdAt, data))
                .flatMap(event -> store.enqueue(event, clock.instant()))
                .replaceWithVoid();
    }

    @Override
    public Uni<java.util.Set<String>> wantedTypes(String owner) {
        return subscribed.wanted(owner);
    }

    /** The event as sent: its body is a snapshot of {@code data} now. */
    OutboundEvent event(String owner, String placementId, String type, Instant createdAt, Object data) {
        String id = EventIds.of(placementId, type);
        ObjectNode body = json.createObjectNode();
        body.put("id", id);
        body.put("type", type);
        body.put("createdAt", createdAt.toString());
        body.set("data", json.valueToTree(data));
        return new OutboundEvent(owner, id, type, placementId, createdAt, body.toString());
    }
}
