package dev.callbridge.subscription;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to a subscription, as the API shows it: no body, no secret. */
@Schema(name = "WebhookDelivery", description = "One event's delivery to the subscription.")
public record WebhookDelivery(
        @Schema(required = true, examples = "evt_4a9d1c52-7c0e-3b8f-9a61-0d2e5f7b8c31") String eventId,
        @Schema(required = true, examples = "call.ringing") String type,
        @Schema(required = true) String placementId,
        @Schema(required = true, enumeration = {"pending", "delivered", "dead"}) String state,
        @Schema(required = true, description = "Attempts made so far") int attempts,
        @Schema(type = SchemaType.INTEGER, nullable = true, description = "HTTP status of the last attempt")
        Integer lastStatus,
        @Schema(nullable = true, description = "Why the last attempt failed") String lastError,
        @Schema(nullable = true, description = "When the next attempt is due (pending only)") Instant nextAttemptAt,
        @Schema(nullable = true, description = "When the receiver accepted it") Instant deliveredAt,
        @Schema(required = true, description = "When the event was queued") Instant createdAt) {

    static WebhookDelivery of(Delivery d) {
        return new WebhookDelivery(d.eventId(), d.type(), d.placementId(), d.state().wire(), d.attempts(),
                d.lastStatus(), d.lastError(), d.state() == DeliveryState.PENDING ? d.nextAttemptAt() : null,
                d.deliveredAt(), d.createdAt());
    }
}
