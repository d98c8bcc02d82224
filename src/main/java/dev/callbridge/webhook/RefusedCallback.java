package dev.callbridge.webhook;

import dev.callbridge.http.ApiProblemException;
import java.util.List;

/**
 * A vendor webhook refused for its signature or its timestamp (403), Twilio's and Ultravox's
 * alike. Answered by the endpoint itself rather than by the shared problem mapper, which logs
 * every 403 at WARN: anyone who can reach the endpoint can send unsigned requests in bulk, so
 * each refusal is logged at DEBUG only and counted in
 * {@code callbridge.webhooks.received{outcome=rejected_signature|rejected_timestamp}}, the
 * signal to alert on. Its detail never carries a secret or a signature.
 */
final class RefusedCallback extends ApiProblemException {

    RefusedCallback(String detail) {
        super(403, "invalid-signature", "Forbidden", detail, List.of(), null);
    }
}
