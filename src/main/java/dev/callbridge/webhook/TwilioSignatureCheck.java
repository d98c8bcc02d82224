package dev.callbridge.webhook;

import com.twilio.security.RequestValidator;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.vendor.Vendor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator}, keyed with
 * the account's auth token, against the URL Twilio signed: the configured public base URL, the
 * webhook's path and the request's query string, exactly as that URL was given to Twilio (with
 * each placed call, or in the number's configuration). The request's own URL is never used:
 * behind a TLS-terminating proxy its scheme, host and port are the proxy's, and a signature over
 * them would fail, or worse, pass for a URL Twilio never called.
 */
@ApplicationScoped
class TwilioSignatureCheck {

    private final ServiceConfig service;
    private final boolean configured;
    private final Optional<RequestValidator> validator;
    private final CallbackMetrics metrics;

    TwilioSignatureCheck(ServiceConfig service, TwilioConfig twilio, CallbackMetrics metrics) {
        this.service = service;
        this.configured = TwilioWebhookUrl.statusCallback(service).isPresent();
        this.validator = twilio.authToken().filter(token -> !token.isBlank()).map(RequestValidator::new);
        this.metrics = metrics;
    }

    /** Whether Twilio can be given Callbridge's URLs at all: only with a public base URL. */
    boolean configured() {
        return configured;
    }

    /**
     * The form fields of a request Twilio signed for the webhook at {@code path}. Refuses it
     * otherwise: 404 without a public base URL (Twilio cannot have been given the webhook's URL),
     * 403 for a missing or wrong signature (counted, logged at DEBUG only), 400 for a malformed body.
     *
     * @param what      what the webhook is, for the problem's detail ("status callback")
     * @param rawQuery  the request's query string as sent (part of the signed URL), or null
     * @param signature the {@code X-Twilio-Signature} header, or null
     * @param body      the raw form body
     */
    Map<String, String> verifiedFields(String path, String what, String rawQuery, String signature, String body) {
        if (!configured) {
            throw new ApiProblemException(404, "not-found", "Not Found", "The Twilio " + what + " is not served: "
                    + "CALLBRIDGE_PUBLIC_BASE_URL is not set, so Twilio cannot be given its URL.");
        }
        if (signature == null || signature.isBlank()) {
            throw refused(what, path, "The request has no X-Twilio-Signature header.");
        }
        Map<String, String> fields = CallbackForm.parse(body);
        if (!valid(path, rawQuery, fields, signature)) {
            throw refused(what, path, "X-Twilio-Signature does not match the request for the public URL.");
        }
        return fields;
    }

    /** Whether {@code signature} is Twilio's over the public URL of {@code path} with {@code rawQuery} and {@code fields}. */
    boolean valid(String path, String rawQuery, Map<String, String> fields, String signature) {
        Optional<String> url = TwilioWebhookUrl.of(service, path);
        if (url.isEmpty() || validator.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        String signed = url.get() + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return validator.get().validate(signed, fields, signature);
    }

    private RefusedCallback refused(String what, String path, String detail) {
        metrics.count(Vendor.TWILIO, WebhookOutcome.REJECTED_SIGNATURE);
        Log.debugf("Twilio %s refused: %s", what, detail);
        return new RefusedCallback(detail + " Twilio's requests are checked with the Twilio auth token against "
                + "CALLBRIDGE_PUBLIC_BASE_URL + " + path + " + the query string.");
    }
}
