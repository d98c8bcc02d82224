package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Time to ring of one phase's placements: from the moment the load generator was due to send a
 * placement to the moment the Twilio stub received the create request it caused, and to the
 * moment the stub accepted it (its Twilio latency later), when a real phone would start ringing.
 * A placement is matched to the stub's record by its callee number ({@link PlacementNumbers}); a
 * placement that never reached Twilio has no record and is left out (counted as unmatched).
 */
final class RingTimes {

    private static final long RANGE_MICROS = TimeUnit.SECONDS.toMicros(120);

    private RingTimes() {
    }

    /**
     * @param result         the phase's load, for when each placement was due
     * @param numbers        the callee number of the i-th placement
     * @param rings          per callee number, the stub's nanoTime when the create arrived and when it was accepted
     * @param clock          the stub's clock beside this process's
     * @param physicalLimitMs the inline mode's physical limit: the Ultravox and Twilio stubs' latencies together
     */
    static Map<String, Object> of(LoadGenerator.Result result, IntFunction<String> numbers, Map<String, long[]> rings,
            StubClock clock, long physicalLimitMs) {
        Histogram received = new Histogram(RANGE_MICROS, 4);
        Histogram ringing = new Histogram(RANGE_MICROS, 4);
        long matched = 0;
        for (int i = 0; i < result.sent(); i++) {
            long[] ring = rings.get(numbers.apply(i));
            if (ring == null || ring[1] == 0) {
                continue;
            }
            matched++;
            long due = result.intendedNanos(i);
            received.recordValue(micros(clock.local(ring[0]) - due));
            ringing.recordValue(micros(clock.local(ring[1]) - due));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matched", matched);
        m.put("unmatched", result.sent() - matched);
        m.put("createReceivedP50Ms", ms(received, 50));
        m.put("createReceivedP99Ms", ms(received, 99));
        m.put("ringingP50Ms", ms(ringing, 50));
        m.put("ringingP99Ms", ms(ringing, 99));
        m.put("ringingP999Ms", ms(ringing, 99.9));
        m.put("physicalLimitMs", physicalLimitMs);
        m.put("ratioP50", ratio(ringing, 50, physicalLimitMs));
        m.put("ratioP99", ratio(ringing, 99, physicalLimitMs));
        return m;
    }

    private static long micros(long nanos) {
        return Math.min(RANGE_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    private static Double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? null : BenchmarkMain.round(h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static Double ratio(Histogram h, double percentile, long limitMs) {
        return h.getTotalCount() == 0 ? null
                : BenchmarkMain.round3(h.getValueAtPercentile(percentile) / 1000.0 / limitMs);
    }
}
