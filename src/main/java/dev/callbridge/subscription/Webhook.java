package dev.callbridge.subscription;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook subscription as the API shows it. The secret is in full only in the answer to its
 * creation; afterwards only its last four characters are shown.
 */
@Schema(name = "Webhook", description = "A webhook subscription.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(
        @Schema(required = true, examples = "3f7d2c1a-8b9e-4f60-a1d2-c3b4a5968778") String id,
        @Schema(required = true, examples = "https://example.com/callbridge/events") String url,
        @Schema(required = true) List<String> events,
        @Schema(description = "The signing secret: in the answer to the creation only") String secret,
        @Schema(description = "The last four characters of the secret, to tell secrets apart", examples = "…x7Qa")
        String secretHint,
        @Schema(required = true, examples = "2026-06-01T12:00:00Z") Instant createdAt) {

    /** As answered to its creation: with the secret. */
    static Webhook created(Subscription s) {
        return new Webhook(s.id(), s.url(), s.events(), s.secret(), hint(s.secret()), s.createdAt());
    }

    /** As shown afterwards: without the secret. */
    static Webhook shown(Subscription s) {
        return new Webhook(s.id(), s.url(), s.events(), null, hint(s.secret()), s.createdAt());
    }

    private static String hint(String secret) {
        return "…" + secret.substring(secret.length() - 4);
    }

    @Override
    public String toString() {
        return "Webhook[id=" + id + "]";
    }
}
