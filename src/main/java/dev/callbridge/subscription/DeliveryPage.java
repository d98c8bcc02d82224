package dev.callbridge.subscription;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a subscription's deliveries, newest first.
 *
 * @param next cursor of the following (older) page, null on the last page
 */
@Schema(name = "DeliveryPage", description = "One page of deliveries, newest first.")
public record DeliveryPage(
        @Schema(required = true) List<WebhookDelivery> results,
        @Schema(nullable = true, description = "Cursor of the following (older) page (`?cursor=`); null on the last page")
        String next) {
}
