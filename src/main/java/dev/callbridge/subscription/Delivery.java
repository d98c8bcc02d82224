package dev.callbridge.subscription;

import java.time.Instant;

/**
 * One event for one subscription in the outbox.
 *
 * @param seq            its place in the outbox; orders the events of a call
 * @param subscriptionId the subscription it goes to
 * @param eventId        the event's id
 * @param type           the event's type
 * @param placementId    the call it is about
 * @param body           the JSON sent
 * @param state          where it stands
 * @param attempts       attempts made so far
 * @param lastStatus     the HTTP status of the last attempt, {@code null} when none was received
 * @param lastError      why the last attempt failed, {@code null} after a success
 * @param nextAttemptAt  when it is due (meaningful while pending)
 * @param deliveredAt    when the receiver accepted it
 * @param createdAt      when it was queued
 */
public record Delivery(long seq, String subscriptionId, String eventId, String type, String placementId,
        String body, DeliveryState state, int attempts, Integer lastStatus, String lastError,
        Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {
}
