package dev.callbridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {

    @Test
    void failuresAtStartupAreRetriedSoonerAndSoonerNotThenEveryInterval() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(8));
        assertThat(schedule.next(false)).as("capped at the interval").isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void onceEveryVendorHasAnsweredChecksRunEveryInterval() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofSeconds(1), Duration.ofSeconds(30));

        assertThat(schedule.next(true)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.next(true)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aStartupRetryLongerThanTheIntervalIsCapped() {
        CheckSchedule schedule = new CheckSchedule(Duration.ofMinutes(5), Duration.ofSeconds(30));

        assertThat(schedule.next(false)).isEqualTo(Duration.ofSeconds(30));
    }
}
