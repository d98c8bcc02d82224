package dev.callbridge.webhook;

import com.twilio.security.RequestValidator;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.twilio.TwilioWebhookUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator}, keyed with
 * the account's auth token, against the URL Twilio signed: the configured public base URL, the
 * callback path and the request's query string, exactly as Callbridge gave Twilio that URL. The
 * request's own URL is never used: behind a TLS-terminating proxy its scheme, host and port are
 * the proxy's, and a signature over them would fail, or worse, pass for a URL Twilio never called.
 */
@ApplicationScoped
class TwilioSignatureCheck {

    private final Optional<String> callbackUrl;
    private final Optional<RequestValidator> validator;

    TwilioSignatureCheck(ServiceConfig service, TwilioConfig twilio) {
        // The very URL the Twilio gateway gives Twilio when it places a call.
        this.callbackUrl = TwilioWebhookUrl.statusCallback(service);
        this.validator = twilio.authToken().filter(token -> !token.isBlank()).map(RequestValidator::new);
    }

    /** Whether callbacks are requested at all: only with a public base URL. */
    boolean configured() {
        return callbackUrl.isPresent();
    }

    /** Whether {@code signature} is Twilio's over the public URL with {@code rawQuery} and {@code fields}. */
    boolean valid(String rawQuery, Map<String, String> fields, String signature) {
        if (callbackUrl.isEmpty() || validator.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        String url = callbackUrl.get() + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        return validator.get().validate(url, fields, signature);
    }
}
