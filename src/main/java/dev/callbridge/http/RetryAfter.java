package dev.callbridge.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an upstream {@code Retry-After} header: delta-seconds or an HTTP-date. */
public final class RetryAfter {

    private static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {
    }

    /**
     * The wait the header asks for, at least one second and at most an hour, or
     * {@code fallback} when the header is absent or unreadable.
     */
    public static Duration parse(String header, Duration fallback) {
        if (header == null || header.isBlank()) {
            return fallback;
        }
        String value = header.trim();
        try {
            return clamp(Duration.ofSeconds(Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return clamp(Duration.between(Instant.now(), at));
            } catch (DateTimeParseException notDate) {
                return fallback;
            }
        }
    }

    private static Duration clamp(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return d.compareTo(MAX) > 0 ? MAX : d;
    }
}
