package dev.callbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    @Test
    void readsSecondsDatesAndFallsBack() {
        assertThat(RetryAfter.parse("7", null)).isEqualTo(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("0", null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.parse("999999", null)).isEqualTo(Duration.ofHours(1));
        assertThat(RetryAfter.parse(null, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("soon", Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(2));
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(RetryAfter.parse(inAMinute, null)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(61));
    }

    @Test
    void requestIdsAreKeptOnlyWhenSafe() {
        assertThat(RequestIds.accept("abc-123_x.y:z")).isEqualTo("abc-123_x.y:z");
        assertThat(RequestIds.accept("a b")).hasSize(36);
        assertThat(RequestIds.accept("x".repeat(129))).hasSize(36);
        assertThat(RequestIds.accept(null)).hasSize(36);
    }
}
