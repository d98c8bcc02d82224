package dev.callbridge.subscription;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/webhooks}.
 *
 * @param url    where events are sent
 * @param events the event types to receive
 * @param secret the signing secret; generated when absent
 */
@Schema(name = "CreateWebhookRequest", description = "A new webhook subscription.")
public record CreateWebhookRequest(
        @Schema(required = true, description = "Where events are POSTed: an https URL of a public host "
                + "(http and private hosts only with CALLBRIDGE_WEBHOOK_ALLOW_PRIVATE_TARGETS=true)",
                maxLength = 2048, examples = "https://example.com/callbridge/events")
        String url,
        @Schema(required = true, description = "Event types to receive, each once: `call.placed`, "
                + "`call.ringing`, `call.answered`, `call.joined`, `call.ended`, `call.failed`", minItems = 1,
                maxItems = 6, examples = "[\"call.placed\", \"call.ended\"]")
        List<String> events,
        @Schema(description = "Key of the HMAC that signs every event: 16-256 printable ASCII characters. "
                + "Generated when absent.", minLength = 16, maxLength = 256)
        String secret) {

    @Override
    public String toString() {
        return "CreateWebhookRequest[events=" + events + "]";
    }
}
