package dev.callbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a simulated list: the sequence number of the item a page starts after (or
 * before, when {@code reverse}). Stable under inserts and deletes, unlike an offset. Ultravox
 * hands it out in DRF's cursor style ({@link #encode()}: base64 of {@code r=<reverse>&p=<position>});
 * Twilio in page tokens of its own ({@link TwilioPageTokens}).
 */
record ListCursor(boolean reverse, long position) {

    private static final Pattern FORM = Pattern.compile("^r=([01])&p=(\\d{1,18})$");

    String encode() {
        String raw = "r=" + (reverse ? 1 : 0) + "&p=" + position;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or empty when {@code text} was not made by {@link #encode()}. */
    static Optional<ListCursor> decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            Matcher m = FORM.matcher(raw);
            return m.matches() ? Optional.of(new ListCursor(m.group(1).equals("1"), Long.parseLong(m.group(2))))
                    : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
