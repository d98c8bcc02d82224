package dev.callbridge.sandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

    /**
     * A {@code fromDate}/{@code toDate} filter value as Django reads it: an ISO date-time, with
     * {@code T} or a space, with or without seconds, fraction and offset (without one it is UTC),
     * or a bare date, which stands for the start of that day or, when {@code endOfDay}, its last
     * microsecond. Empty when {@code text} is none of these.
     */
    static Optional<Instant> queryTime(String text, boolean endOfDay) {
        String value = text.trim().replace(' ', 'T');
        try {
            LocalDate day = LocalDate.parse(value);
            return Optional.of(endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000)
                    : day.atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            // a date-time, then
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException noOffset) {
            // a local date-time, then
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    static String duration(long seconds) {
        return seconds + "s";
    }
}
