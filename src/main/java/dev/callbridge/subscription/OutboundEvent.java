package dev.callbridge.subscription;

import java.time.Instant;

/**
 * One event ready for the outbox: serialised once, when published, so every subscription and
 * every attempt sends the same bytes.
 *
 * @param owner       whose subscriptions receive it
 * @param id          the event id ({@link EventIds})
 * @param type        its type
 * @param placementId the call it is about
 * @param createdAt   when it happened
 * @param body        the JSON body sent
 */
public record OutboundEvent(String owner, String id, String type, String placementId, Instant createdAt,
        String body) {
}
