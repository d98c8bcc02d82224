package dev.callbridge.subscription;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The caller's webhook subscriptions (at most {@code CALLBRIDGE_WEBHOOK_MAX_SUBSCRIPTIONS}). */
@Schema(name = "WebhookList", description = "Every webhook subscription of the API key, oldest first.")
public record WebhookList(@Schema(required = true) List<Webhook> results) {
}
