package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RingTimesTest {

    private static final long START = 50_000_000_000L;
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(5);
    /** The stub's clock runs 3 ms ahead of the load generator's. */
    private static final StubClock CLOCK = new StubClock(TimeUnit.MILLISECONDS.toNanos(3), 10_000);

    @Test
    void matchesEachCreateToItsPlacementByNumberAndMeasuresFromWhenThePlacementWasDue() {
        Map<String, long[]> rings = new HashMap<>();
        // Placement 0: Twilio reached after Ultravox (inline); placement 1 at once (parallel).
        rings.put(PlacementNumbers.to(0), stub(0, 150, 400));
        rings.put(PlacementNumbers.to(1), stub(1, 2, 252));
        rings.put(PlacementNumbers.to(3), stub(3, 1, 0)); // received, not accepted before the phase ended
        rings.put("+16175550000", stub(0, 1, 1)); // not this phase's

        Map<String, Object> ring = RingTimes.of(result(4), PlacementNumbers::to, rings, CLOCK, 400);

        assertThat(ring).containsEntry("matched", 2L).containsEntry("unmatched", 2L)
                .containsEntry("physicalLimitMs", 400L);
        assertThat((double) ring.get("createReceivedP50Ms")).isCloseTo(2.0, within(0.05));
        assertThat((double) ring.get("createReceivedP99Ms")).isCloseTo(150.0, within(0.05));
        assertThat((double) ring.get("ringingP50Ms")).isCloseTo(252.0, within(0.05));
        assertThat((double) ring.get("ringingP99Ms")).isCloseTo(400.0, within(0.05));
        assertThat((double) ring.get("ratioP50")).isCloseTo(0.63, within(0.001));
        assertThat((double) ring.get("ratioP99")).isCloseTo(1.0, within(0.001));
    }

    @Test
    void aPhaseWhoseCreatesNeverArrivedHasNoFigures() {
        Map<String, Object> ring = RingTimes.of(result(3), PlacementNumbers::to, Map.of(), CLOCK, 400);

        assertThat(ring).containsEntry("matched", 0L).containsEntry("unmatched", 3L)
                .containsEntry("ringingP99Ms", null).containsEntry("ratioP99", null);
    }

    /** On the stub's clock: when placement {@code index}'s create arrived and was accepted, ms after it was due. */
    private static long[] stub(int index, long receivedMs, long acceptedMs) {
        long due = START + index * INTERVAL + CLOCK.offsetNanos();
        return new long[] {due + TimeUnit.MILLISECONDS.toNanos(receivedMs),
                acceptedMs == 0 ? 0 : due + TimeUnit.MILLISECONDS.toNanos(acceptedMs)};
    }

    private static LoadGenerator.Result result(int sent) {
        return new LoadGenerator.Result(200, 1, sent, sent, 0, 200.0, new Histogram(3), Map.of(), START, INTERVAL);
    }
}
