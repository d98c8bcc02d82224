package dev.callbridge.number;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    /** The number a cursor names, or {@code null} when it is not one of ours. */
    public static String parse(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return text.startsWith(PREFIX) && text.length() > PREFIX.length() ? text.substring(PREFIX.length()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
