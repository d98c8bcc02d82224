package dev.callbridge.subscription;

import io.smallrye.mutiny.Uni;
import java.time.Instant;

/**
 * Where the call pipeline hands the events an application subscribed to: each is queued in the
 * outbox for every subscription of its owner that asked for its type, and delivered from there,
 * so a slow or dead receiver never slows a call down.
 */
public interface CallNotifications {

    /**
     * Queues one event about a call, once: ({@code placementId}, {@code type}) identifies it, and
     * publishing it again changes nothing (each type happens at most once per call). Events of
     * one call are delivered to a subscription in the order they were published.
     *
     * @param owner       the {@link dev.callbridge.http.ApiKeyOwner owner} of the call
     * @param placementId the call's placement id
     * @param type        {@code call.placed}, {@code call.ringing}, {@code call.answered},
     *                    {@code call.joined}, {@code call.ended} or {@code call.failed}
     * @param createdAt   when the event happened
     * @param data        the call as the event shows it, serialised as JSON when queued
     * @return completes once the event is in the outbox (it never waits for a receiver); fails
     *         when the store does, or for an unknown {@code type}
     */
    Uni<Void> publish(String owner, String placementId, String type, Instant createdAt, Object data);

    /**
     * Which event types the owner's subscriptions want, as this instance last read them (at most
     * a second ago; at once after a change made here). The pipeline asks once per announcement,
     * so one announcement never skips an event and then queues a later one. A type not in the
     * answer may still be wanted by a subscription made on another replica within that second.
     */
    Uni<java.util.Set<String>> wantedTypes(String owner);
}
