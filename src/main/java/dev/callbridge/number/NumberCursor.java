package dev.callbridge.number;

import dev.callbridge.http.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code cursor} of a page of numbers listed in number order (routes, the do-not-call
 * list): the last number of the page before, so the next page starts strictly after it. URL-safe Base64, so the
 * number's {@code +} needs no escaping in a query string.
 */
public final class NumberCursor {

    private static final String PREFIX = "after:";

    private NumberCursor() {
    }

    public static String after(String number) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + number).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The number a page's {@code cursor} parameter names; null for the first page (no cursor) and
     * for a cursor this API never gave out, which adds a field error to {@code errors}.
     */
    public static String read(String cursor, List<FieldError> errors) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String after = parse(cursor);
        if (after == null) {
            errors.add(new FieldError("cursor", "is not a cursor this API gave out"));
        }
        return after;
    }

    /** The number a cursor names, or {@code null} when it is not one of ours. */
    private static String parse(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith(PREFIX) && text.length() > PREFIX.length() ? text.substring(PREFIX.length()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
