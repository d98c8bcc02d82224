package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Turns one phase's raw result into report figures (milliseconds). */
final class PhaseReport {

    private PhaseReport() {
    }

    static Map<String, Object> of(LoadGenerator.Result r, long injectedMillis, double overheadFloorP99) {
        Histogram h = r.latencyMicros();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("offeredRate", r.offeredRate());
        m.put("seconds", r.seconds());
        m.put("sent", r.sent());
        m.put("succeeded", r.succeeded());
        m.put("failed", r.failed());
        m.put("achievedRate", BenchmarkMain.round(r.achievedRate()));
        m.put("outcomes", r.outcomes());
        double p50 = ms(h, 50), p99 = ms(h, 99), p999 = ms(h, 99.9);
        m.put("p50Ms", p50);
        m.put("p99Ms", p99);
        m.put("p999Ms", p999);
        m.put("maxMs", BenchmarkMain.round(h.getMaxValue() / 1000.0));
        m.put("overheadP50Ms", BenchmarkMain.round(p50 - injectedMillis));
        m.put("overheadP99Ms", BenchmarkMain.round(p99 - injectedMillis));
        m.put("overheadP999Ms", BenchmarkMain.round(p999 - injectedMillis));
        m.put("withinFloor", r.failed() == 0 && h.getTotalCount() > 0 && p99 - injectedMillis <= overheadFloorP99);
        return m;
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN
                : BenchmarkMain.round(h.getValueAtPercentile(percentile) / 1000.0);
    }
}
