package dev.callbridge.webhook;

import dev.callbridge.twilio.TwilioWebhookUrl;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a vendor webhook whose announced body exceeds its endpoint's bound (413) before the
 * body is read: Twilio's webhooks ({@link CallbackForm#MAX_BYTES}) and Ultravox's
 * webhooks ({@link UltravoxWebhook#MAX_BYTES}). The endpoints take requests without an API key,
 * so they must not buffer up to the service-wide body limit for anyone. A body sent without a
 * length is measured once read.
 */
public class CallbackLengthFilter {

    @ServerRequestFilter(preMatching = true)
    public void checkLength(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (path.equals(TwilioWebhookUrl.STATUS_PATH) || path.equals(TwilioWebhookUrl.VOICE_PATH)
                || path.startsWith(TwilioWebhookUrl.CONNECT_PATH + "/")
                || path.startsWith(TwilioWebhookUrl.MACHINE_DETECTION_PATH + "/")) {
            CallbackForm.checkLength(length);
        } else if (path.equals(UltravoxEventsResource.PATH)) {
            UltravoxWebhook.checkLength(length);
        }
    }
}
