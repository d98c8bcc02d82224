package dev.callbridge.twilio;

import dev.callbridge.config.ServiceConfig;
import java.util.Optional;

/**
 * The URLs under which Twilio reaches Callbridge, and therefore the URLs its signatures cover:
 * {@code CALLBRIDGE_PUBLIC_BASE_URL} (trailing slashes dropped) followed by a webhook's path.
 * Without a public base URL Twilio cannot reach Callbridge: no callback is requested and no
 * webhook is served.
 */
public final class TwilioWebhookUrl {

    /** Where status callbacks are served: of placed calls (requested with each call) and of inbound calls. */
    public static final String STATUS_PATH = "/webhooks/twilio/call-status";
    /** Where a Twilio number's "A call comes in" webhook is served. */
    public static final String VOICE_PATH = "/webhooks/twilio/voice";

    private TwilioWebhookUrl() {
    }

    /** The status callback URL, or empty when no public base URL is configured. */
    public static Optional<String> statusCallback(ServiceConfig service) {
        return of(service, STATUS_PATH);
    }

    /** The public URL of the webhook served at {@code path}, or empty when no public base URL is configured. */
    public static Optional<String> of(ServiceConfig service, String path) {
        return service.publicBaseUrl().map(String::trim).filter(base -> !base.isEmpty())
                .map(base -> base.replaceAll("/+$", "") + path);
    }
}
