package dev.callbridge.webhook;

import dev.callbridge.http.ApiProblemException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a callback's {@code application/x-www-form-urlencoded} body into its fields, within
 * bounds: the endpoint is open to anyone who can reach it, so an oversized or field-stuffed body
 * is refused before any signature is computed over it. A repeated field is refused too: Twilio
 * never repeats one in a status callback, and its signature scheme could not cover both values.
 * Values are kept exactly as sent (no trimming), because the signature covers them byte for byte.
 */
final class CallbackForm {

    /** Largest body accepted: a status callback is well under 2 KiB. */
    static final int MAX_BYTES = 16 * 1024;
    /** Most fields accepted: Twilio sends about 30, geography included. */
    static final int MAX_FIELDS = 100;
    private static final String WHAT = "Twilio webhook";

    private CallbackForm() {
    }

    /** Refuses a body announced larger than {@link #MAX_BYTES} before it is read. */
    static void checkLength(String contentLength) {
        BodyLimit.checkDeclared(contentLength, MAX_BYTES, WHAT);
    }

    /** The fields of {@code body}. */
    static Map<String, String> parse(String body) {
        String text = body == null ? "" : body;
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw tooLarge();
        }
        Map<String, String> fields = new HashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (fields.size() == MAX_FIELDS) {
                throw malformed("The callback has more than " + MAX_FIELDS + " form fields.");
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (fields.putIfAbsent(name, value) != null) {
                throw malformed("The form field '" + printable(name) + "' is repeated.");
            }
        }
        return fields;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed("The body is not valid application/x-www-form-urlencoded.");
        }
    }

    /** A field name fit to quote in a problem detail: short, and nothing but plain characters. */
    static String printable(String name) {
        String shortened = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return shortened.replaceAll("[^A-Za-z0-9_.\\-]", "?");
    }

    private static ApiProblemException tooLarge() {
        return BodyLimit.tooLarge(MAX_BYTES, WHAT);
    }

    /**
     * The form field {@code name} as a whole number of {@code unit} (at most nine digits), or null
     * when absent or empty; anything else is a 400.
     */
    static Integer wholeNumber(Map<String, String> form, String name, String unit) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9]{1,9}")) {
            throw malformed(name + " must be a whole number of " + unit + ".");
        }
        return Integer.valueOf(value);
    }

    static ApiProblemException malformed(String detail) {
        return new ApiProblemException(400, "invalid-callback", "Invalid Callback", detail);
    }
}
