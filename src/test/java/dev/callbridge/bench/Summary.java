package dev.callbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The headline figures and the floors, computed from the baseline variant (the first variant
 * when baseline did not run), and, when the postgres variant ran, its floors and its figures
 * beside the baseline's and the harness floor's ({@link PostgresComparison}); and the baseline's
 * inbound answer and connect modes, when they were measured ({@link InboundReport},
 * {@link ConnectReport}).
 */
final class Summary {

    private Summary() {
    }

    static Map<String, Object> of(List<Map<String, Object>> variants, Settings settings,
            Map<String, Object> harnessFloor) {
        Optional<Map<String, Object>> baselineVariant = named(variants, "baseline");
        Map<String, Object> baseline = baselineVariant.orElse(variants.get(0));
        List<Map<String, Object>> phases = phasesOf(baseline);
        Map<String, Object> at200 = atRate(phases, 200).orElseThrow();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("variant", baseline.get("name"));
        s.put("sustainableMeans", baseline.getOrDefault("sustainableMeans", "p99 overhead <= 10 ms, no failure"));
        s.put("maxSustainableRate", maxSustainableRate(phases));
        double ratio = (double) at200.get("p50Ms") / settings.injectedMillis();
        s.put("physicalLimitRatioAt200", Math.round(ratio * 1000) / 1000.0);
        s.put("startupToReadyMillis", baseline.get("startupToReadyMillis"));
        s.put("idle", baseline.get("idle"));
        s.put("at200", at200.get("memoryUnderLoad"));
        s.put("stageMeansAt200", at200.get("stageMeans"));
        s.put("floors", floors(baseline, phases, at200));
        InboundReport.summary(baseline).ifPresent(inbound -> s.put("inbound", inbound));
        ConnectReport.summary(baseline).ifPresent(connect -> s.put("connectModes", connect));
        named(variants, "postgres").ifPresent(postgres ->
                s.put("postgres", PostgresComparison.of(postgres, baselineVariant, harnessFloor)));
        return s;
    }

    static Optional<Map<String, Object>> named(List<Map<String, Object>> variants, String name) {
        return variants.stream().filter(v -> name.equals(v.get("name"))).findFirst();
    }

    /** The measured phases and then the search steps of a variant. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> phasesOf(Map<String, Object> variant) {
        List<Map<String, Object>> phases = new ArrayList<>((List<Map<String, Object>>) variant.get("phases"));
        phases.addAll((List<Map<String, Object>>) variant.getOrDefault("maximumSearch", List.of()));
        return phases;
    }

    /** The first phase at {@code rate} calls/s, measured phases before search steps. */
    static Optional<Map<String, Object>> atRate(List<Map<String, Object>> phases, int rate) {
        return phases.stream().filter(p -> (int) p.get("offeredRate") == rate).findFirst();
    }

    /** The highest rate within the p99 bound and without failure (0 when none was). */
    static int maxSustainableRate(List<Map<String, Object>> phases) {
        return phases.stream().filter(p -> Boolean.TRUE.equals(p.get("withinFloor")))
                .mapToInt(p -> (int) p.get("offeredRate")).max().orElse(0);
    }

    /**
     * The highest offered rate a phase carried with zero failed requests and at least 97% of it
     * achieved (0 when none did): what "sustained with zero errors" means in the floors.
     */
    static int sustainedWithoutErrors(List<Map<String, Object>> phases) {
        return phases.stream().filter(p -> ((Number) p.get("failed")).longValue() == 0
                        && ((Number) p.get("achievedRate")).doubleValue() >= 0.97 * (int) p.get("offeredRate"))
                .mapToInt(p -> (int) p.get("offeredRate")).max().orElse(0);
    }

    private static Map<String, Object> floors(Map<String, Object> baseline, List<Map<String, Object>> phases,
            Map<String, Object> at200) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("p50 overhead <= 2 ms at 200/s", (double) at200.get("overheadP50Ms") <= 2.0);
        f.put("p99 overhead <= 10 ms at 200/s", (double) at200.get("overheadP99Ms") <= 10.0);
        f.put(">= 300 calls/s sustained with zero errors", sustainedWithoutErrors(phases) >= 300);
        @SuppressWarnings("unchecked")
        Map<String, Object> mem = (Map<String, Object>) at200.get("memoryUnderLoad");
        f.put("RSS <= 300 MB at 200/s", (double) mem.get("peakRssMiB") <= 300.0 * 1e6 / (1024 * 1024));
        f.put("startup to ready <= 2 s", (double) baseline.get("startupToReadyMillis") <= 2000.0);
        return f;
    }
}
