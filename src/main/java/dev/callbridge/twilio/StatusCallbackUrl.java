package dev.callbridge.twilio;

import dev.callbridge.config.ServiceConfig;
import java.util.Optional;

/**
 * The URL Twilio is asked to send status callbacks to, and therefore the URL its signatures on
 * them cover: {@code CALLBRIDGE_PUBLIC_BASE_URL} (trailing slashes dropped) followed by
 * {@link #PATH}. Without a public base URL no callback is requested.
 */
public final class StatusCallbackUrl {

    /** Where the status callback endpoint is served. */
    public static final String PATH = "/webhooks/twilio/call-status";

    private StatusCallbackUrl() {
    }

    /** The callback URL, or empty when no public base URL is configured. */
    public static Optional<String> of(ServiceConfig service) {
        return service.publicBaseUrl().map(String::trim).filter(base -> !base.isEmpty())
                .map(base -> base.replaceAll("/+$", "") + PATH);
    }
}
