package dev.callbridge.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** Ultravox's time formats: ISO-8601 instants with microseconds, protobuf durations ({@code "30s"}). */
final class UltravoxTimes {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern DURATION = Pattern.compile("^-?(?:0|[1-9][0-9]{0,11})(?:\\.[0-9]{1,9})?s$");

    private UltravoxTimes() {
    }

    static String format(Instant instant) {
        return instant == null ? null : ISO_MICROS.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    /** Seconds of a protobuf duration, or empty when {@code text} is not one. */
    static Optional<Double> seconds(String text) {
        if (text == null || !DURATION.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(Double.parseDouble(text.substring(0, text.length() - 1)));
    }

    static String duration(long seconds) {
        return seconds + "s";
    }
}
