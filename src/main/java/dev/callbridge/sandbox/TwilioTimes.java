package dev.callbridge.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Twilio's RFC 2822 dates in UTC, e.g. {@code Tue, 31 Aug 2010 20:36:28 +0000}. */
final class TwilioTimes {

    static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private TwilioTimes() {
    }

    static String format(Instant instant) {
        return instant == null ? null : RFC_2822.format(instant);
    }
}
