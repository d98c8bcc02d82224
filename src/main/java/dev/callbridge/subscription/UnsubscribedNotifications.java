package dev.callbridge.subscription;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Placeholder until the outbox lands: no subscription exists, so there is nothing to queue. */
@DefaultBean
@ApplicationScoped
class UnsubscribedNotifications implements CallNotifications {

    @Override
    public Uni<Void> publish(String owner, String placementId, String type, Instant createdAt, Object data) {
        return Uni.createFrom().voidItem();
    }
}
