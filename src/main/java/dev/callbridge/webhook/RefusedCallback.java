package dev.callbridge.webhook;

import dev.callbridge.http.ApiProblemException;
import java.util.List;

/**
 * A callback refused for its signature (403). Answered by the endpoint itself rather than by the
 * shared problem mapper, which logs every 403 at WARN: anyone who can reach the endpoint can send
 * unsigned requests in bulk, so each refusal is logged at DEBUG only and counted in
 * {@code callbridge.twilio.callbacks{outcome=rejected_signature}}, the signal to alert on.
 */
final class RefusedCallback extends ApiProblemException {

    RefusedCallback(String detail) {
        super(403, "invalid-signature", "Forbidden", detail, List.of(), null);
    }
}
