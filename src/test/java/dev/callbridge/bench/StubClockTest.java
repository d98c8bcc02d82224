package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StubClockTest {

    @Test
    void takesTheOffsetFromTheQuickestRoundTrip() {
        // The stub's clock runs 5,000 ns ahead; the slow samples read it late or early in their window.
        StubClock clock = StubClock.of(List.of(
                new StubClock.Sample(1_000, 1_000 + 5_000 + 90_000, 201_000),
                new StubClock.Sample(300_000, 300_000 + 5_000 + 20, 300_040),
                new StubClock.Sample(400_000, 400_000 + 5_000 + 1_000, 500_000)));

        assertThat(clock.offsetNanos()).isEqualTo(5_000);
        assertThat(clock.uncertaintyNanos()).isEqualTo(20);
        assertThat(clock.local(1_005_000)).isEqualTo(1_000_000);
    }
}
