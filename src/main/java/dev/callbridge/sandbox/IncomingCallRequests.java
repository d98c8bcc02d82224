package dev.callbridge.sandbox;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Validates a form-encoded {@code IncomingCalls.json} request (a simulated caller dialling a
 * number) with Twilio's codes: {@code From} and {@code To} in E.164, then the optional voice
 * webhook {@code Url} and {@code StatusCallback} (by default the public base URL's Twilio
 * webhooks), then the caller's location.
 */
final class IncomingCallRequests {

    /** Longest location field accepted, in characters. */
    static final int MAX_LOCATION_CHARS = 100;

    /** A call that may ring. */
    record Valid(String to, String from, String statusCallback, IncomingCall incoming) {
    }

    /** Either a valid request or Twilio's error answer. */
    record Outcome(Valid valid, Response error) {
        static Outcome refused(int code, String message) {
            return new Outcome(null, TwilioErrors.badRequest(code, message));
        }
    }

    private IncomingCallRequests() {
    }

    /**
     * @param defaultVoiceUrl      the voice webhook when {@code Url} is not given, if one is known
     * @param defaultStatusCallback the status callback when {@code StatusCallback} is not given, if one is known
     */
    static Outcome read(MultivaluedMap<String, String> form, Optional<String> defaultVoiceUrl,
            Optional<String> defaultStatusCallback) {
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        if (to == null || to.isBlank()) {
            return Outcome.refused(21201, "No 'To' number is specified");
        }
        if (from == null || from.isBlank()) {
            return Outcome.refused(21213, "No 'From' number is specified");
        }
        if (!PhoneNumbers.isE164(to)) {
            return Outcome.refused(21211, "Invalid 'To' Phone Number: " + to);
        }
        if (!PhoneNumbers.isE164(from)) {
            return Outcome.refused(21212, "Invalid 'From' Phone Number: " + from);
        }
        Optional<String> url = Optional.ofNullable(form.getFirst("Url")).or(() -> defaultVoiceUrl);
        if (url.isEmpty() || !TwilioCallRequests.isHttpUrl(url.get())) {
            return Outcome.refused(21205, url.map(value -> "Url is not a valid URL: " + value)
                    .orElse("No 'Url' is specified and no public base URL is configured."));
        }
        Optional<String> callback = Optional.ofNullable(form.getFirst("StatusCallback")).or(() -> defaultStatusCallback);
        if (callback.isPresent() && !TwilioCallRequests.isHttpUrl(callback.get())) {
            return Outcome.refused(21200, "StatusCallback is not a valid http(s) URL.");
        }
        for (String field : new String[] {"FromCity", "FromState", "FromZip", "FromCountry"}) {
            String value = form.getFirst(field);
            if (value != null && (value.isBlank() || value.length() > MAX_LOCATION_CHARS)) {
                return Outcome.refused(21200, field + " must be 1 to " + MAX_LOCATION_CHARS + " characters.");
            }
        }
        CallerLocation location = new CallerLocation(form.getFirst("FromCity"), form.getFirst("FromState"),
                form.getFirst("FromZip"),
                Optional.ofNullable(form.getFirst("FromCountry")).orElseGet(() -> PhoneNumbers.region(from)));
        return new Outcome(new Valid(to, from, callback.orElse(null), new IncomingCall(url.get(), location)), null);
    }
}
