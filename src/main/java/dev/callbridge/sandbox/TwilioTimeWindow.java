package dev.callbridge.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The span a list filter such as {@code StartTime}, {@code StartTime>} and {@code StartTime<}
 * leaves open, from {@code notBefore} (inclusive) to {@code before} (exclusive). Twilio documents
 * the values as dates ({@code YYYY-MM-DD}, UTC) and its SDK sends date-times
 * ({@code yyyy-MM-dd'T'HH:mm:ss}, UTC): both are read. {@code StartTime=} means that whole UTC day,
 * {@code StartTime>=} from that moment on (a date: its midnight), {@code StartTime<=} before it.
 */
record TwilioTimeWindow(Instant notBefore, Instant before) {

    static final TwilioTimeWindow ALWAYS = new TwilioTimeWindow(Instant.MIN, Instant.MAX);

    /** The window narrowed by one filter value; empty when the value is neither a date nor a date-time. */
    Optional<TwilioTimeWindow> narrowed(String operator, String value) {
        // The same readings as Ultravox's date filters: a date, or a date-time (UTC without an offset).
        Optional<Instant> at = UltravoxTimes.queryTime(value, false);
        if (at.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(switch (operator) {
            case ">" -> new TwilioTimeWindow(latest(notBefore, at.get()), before);
            case "<" -> new TwilioTimeWindow(notBefore, earliest(before, at.get()));
            default -> {
                Instant day = at.get().atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
                yield new TwilioTimeWindow(latest(notBefore, day), earliest(before, day.plus(Duration.ofDays(1))));
            }
        });
    }

    /** Whether {@code time} lies in the window; a time not yet known (null) never does. */
    boolean contains(Instant time) {
        return time != null && !time.isBefore(notBefore) && time.isBefore(before);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
