package dev.callbridge.subscription;

import java.time.Instant;
import java.util.List;

/**
 * One webhook subscription as stored.
 *
 * @param id        its id
 * @param owner     the {@link dev.callbridge.http.ApiKeyOwner owner} that created it
 * @param url       where its events are sent
 * @param events    the event types it receives
 * @param secret    the key of the HMAC each event is signed with; never shown after creation
 * @param createdAt when it was created
 */
public record Subscription(String id, String owner, String url, List<String> events, String secret,
        Instant createdAt) {

    public Subscription {
        events = List.copyOf(events);
    }

    /** Whether it asked for events of this type. */
    public boolean wants(String type) {
        return events.contains(type);
    }

    @Override
    public String toString() {
        // Records print every component; this one holds a secret.
        return "Subscription[id=" + id + ", events=" + events + "]";
    }
}
