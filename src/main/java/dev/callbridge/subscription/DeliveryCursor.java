package dev.callbridge.subscription;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque {@code cursor} of a delivery page: the outbox position the next page starts below. */
final class DeliveryCursor {

    private static final String PREFIX = "before:";

    private DeliveryCursor() {
    }

    static String of(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, or {@code null} when it is not one of ours. */
    static Long parse(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith(PREFIX)) {
                return null;
            }
            long seq = Long.parseLong(text.substring(PREFIX.length()));
            return seq > 0 ? seq : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
