package dev.callbridge.sandbox;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated Twilio's {@code PageToken}s: {@code PA<n>} for the page after the call with
 * sequence number {@code n}, {@code PB<n>} for the page before it. Opaque to clients, like
 * Twilio's own (which also start with {@code PA}/{@code PB}).
 */
final class TwilioPageTokens {

    private static final Pattern FORM = Pattern.compile("^P([AB])(\\d{1,18})$");

    private TwilioPageTokens() {
    }

    static String encode(ListCursor cursor) {
        return (cursor.reverse() ? "PB" : "PA") + cursor.position();
    }

    /** The position a token names, or empty when the simulator did not make it. */
    static Optional<ListCursor> decode(String token) {
        Matcher m = FORM.matcher(token);
        return m.matches() ? Optional.of(new ListCursor(m.group(1).equals("B"), Long.parseLong(m.group(2))))
                : Optional.empty();
    }
}
