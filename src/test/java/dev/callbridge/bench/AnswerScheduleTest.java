package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class AnswerScheduleTest {

    @Test
    void answersExactlyTheFractionOfEveryRunOfCalls() {
        AnswerSchedule thirty = new AnswerSchedule(0.3);

        assertThat(answered(thirty, 0, 10)).isEqualTo(3);
        assertThat(answered(thirty, 0, 1000)).isEqualTo(300);
        assertThat(answered(thirty, 1000, 1100)).isEqualTo(30);
        assertThat(answered(new AnswerSchedule(0.25), 0, 1000)).isEqualTo(250);
        assertThat(LongStream.range(0, 10).filter(thirty::answers).toArray()).containsExactly(3, 6, 9);
    }

    @Test
    void answersNoneOrAll() {
        assertThat(answered(new AnswerSchedule(0), 0, 1000)).isZero();
        assertThat(answered(new AnswerSchedule(1), 0, 1000)).isEqualTo(1000);
    }

    @Test
    void refusesAFractionOutsideZeroToOne() {
        assertThatThrownBy(() -> new AnswerSchedule(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerSchedule(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AnswerSchedule(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long answered(AnswerSchedule schedule, long from, long to) {
        return LongStream.range(from, to).filter(schedule::answers).count();
    }
}
