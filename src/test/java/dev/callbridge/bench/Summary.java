package dev.callbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The headline figures and the floors, computed from the baseline variant. */
final class Summary {

    private Summary() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> of(List<Map<String, Object>> variants, Settings settings) {
        Map<String, Object> baseline = variants.get(0);
        List<Map<String, Object>> phases = new ArrayList<>((List<Map<String, Object>>) baseline.get("phases"));
        phases.addAll((List<Map<String, Object>>) baseline.getOrDefault("maximumSearch", List.of()));
        Map<String, Object> at200 = phases.stream().filter(p -> (int) p.get("offeredRate") == 200)
                .findFirst().orElseThrow();
        Map<String, Object> s = new LinkedHashMap<>();
        int maxRate = phases.stream().filter(p -> Boolean.TRUE.equals(p.get("withinFloor")))
                .mapToInt(p -> (int) p.get("offeredRate")).max().orElse(0);
        s.put("maxSustainableRate", maxRate);
        double ratio = (double) at200.get("p50Ms") / settings.injectedMillis();
        s.put("physicalLimitRatioAt200", Math.round(ratio * 1000) / 1000.0);
        s.put("startupToReadyMillis", baseline.get("startupToReadyMillis"));
        s.put("idle", baseline.get("idle"));
        s.put("at200", at200.get("memoryUnderLoad"));
        s.put("stageMeansAt200", at200.get("stageMeans"));
        s.put("floors", floors(baseline, phases, at200));
        return s;
    }

    private static Map<String, Object> floors(Map<String, Object> baseline, List<Map<String, Object>> phases,
            Map<String, Object> at200) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("p50 overhead <= 2 ms at 200/s", (double) at200.get("overheadP50Ms") <= 2.0);
        f.put("p99 overhead <= 10 ms at 200/s", (double) at200.get("overheadP99Ms") <= 10.0);
        f.put(">= 300 calls/s sustained with zero errors", phases.stream().anyMatch(p ->
                (int) p.get("offeredRate") >= 300 && (long) p.get("failed") == 0
                        && (double) p.get("achievedRate") >= 0.97 * (int) p.get("offeredRate")));
        @SuppressWarnings("unchecked")
        Map<String, Object> mem = (Map<String, Object>) at200.get("memoryUnderLoad");
        f.put("RSS <= 300 MB at 200/s", (double) mem.get("peakRssMiB") <= 300.0 * 1e6 / (1024 * 1024));
        f.put("startup to ready <= 2 s", (double) baseline.get("startupToReadyMillis") <= 2000.0);
        return f;
    }
}
