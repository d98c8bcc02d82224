package dev.callbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The postgres variant's floors and figures, each beside the same figure of the baseline (memory
 * store) variant and of the harness floor measured in the same run. This machine's speed
 * varies from day to day, so a ratio to what the same run measured without the database, or
 * without Callbridge at all, says more than the figure alone.
 */
final class PostgresComparison {

    /** The floors of the postgres store: overhead at 200 calls/s, and the rate it must carry. */
    static final double P50_LIMIT_MS = 3.0;
    static final double P99_LIMIT_MS = 12.0;
    static final int RATE_FLOOR = 500;

    private PostgresComparison() {
    }

    static Map<String, Object> of(Map<String, Object> postgres, Optional<Map<String, Object>> baseline,
            Map<String, Object> harnessFloor) {
        List<Map<String, Object>> phases = Summary.phasesOf(postgres);
        List<Map<String, Object>> memoryPhases = baseline.map(Summary::phasesOf).orElse(List.of());
        Optional<Map<String, Object>> at200 = Summary.atRate(phases, 200);
        Optional<Map<String, Object>> memoryAt200 = Summary.atRate(memoryPhases, 200);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("comparedWith", baseline.map(b -> b.get("name")).orElse(null));
        List<Map<String, Object>> floors = new ArrayList<>();
        floors.add(overheadFloor("overhead p50 <= 3 ms at 200/s", P50_LIMIT_MS, "overheadP50Ms", at200,
                memoryAt200, harnessFloor));
        floors.add(overheadFloor("overhead p99 <= 12 ms at 200/s", P99_LIMIT_MS, "overheadP99Ms", at200,
                memoryAt200, harnessFloor));
        floors.add(rateFloor(phases, memoryPhases, baseline.isPresent()));
        c.put("floors", floors);
        c.put("sustainableMeans", postgres.get("sustainableMeans"));
        c.put("maxSustainableRate", Summary.maxSustainableRate(phases));
        c.put("memorySustainableMeans", baseline.map(b -> b.get("sustainableMeans")).orElse(null));
        c.put("memoryMaxSustainableRate", baseline.isPresent() ? Summary.maxSustainableRate(memoryPhases) : null);
        c.put("phases", phases.stream().map(p -> phase(p, matching(memoryPhases, p), harnessFloor)).toList());
        return c;
    }

    private static Map<String, Object> overheadFloor(String name, double limit, String figure,
            Optional<Map<String, Object>> at200, Optional<Map<String, Object>> memoryAt200,
            Map<String, Object> harnessFloor) {
        Double measured = at200.map(p -> number(p, figure)).orElse(null);
        Double memory = memoryAt200.map(p -> number(p, figure)).orElse(null);
        Double harness = number(harnessFloor, figure);
        Map<String, Object> f = floor(name, limit, "ms", measured, measured != null && measured <= limit);
        f.put("harnessFloor", harness);
        f.put("perHarnessFloor", ratio(measured, harness));
        f.put("limitPerHarnessFloor", ratio(limit, harness));
        f.put("memoryVariant", memory);
        f.put("perMemoryVariant", ratio(measured, memory));
        return f;
    }

    /** The harness floor is one hop at 200/s and has no rate of its own to compare with. */
    private static Map<String, Object> rateFloor(List<Map<String, Object>> phases,
            List<Map<String, Object>> memoryPhases, boolean withMemory) {
        double measured = Summary.sustainedWithoutErrors(phases);
        Double memory = withMemory ? (double) Summary.sustainedWithoutErrors(memoryPhases) : null;
        Map<String, Object> f = floor(">= 500 calls/s sustained with zero errors", RATE_FLOOR, "calls/s", measured,
                measured >= RATE_FLOOR);
        f.put("harnessFloor", null);
        f.put("perHarnessFloor", null);
        f.put("limitPerHarnessFloor", null);
        f.put("memoryVariant", memory);
        f.put("perMemoryVariant", ratio(measured, memory));
        return f;
    }

    private static Map<String, Object> floor(String name, double limit, String unit, Double measured, boolean met) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("floor", name);
        f.put("limit", limit);
        f.put("unit", unit);
        f.put("measured", measured);
        f.put("met", met);
        return f;
    }

    /** One postgres phase beside the memory variant's phase of the same kind and rate, if it has one. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> phase(Map<String, Object> p, Optional<Map<String, Object>> memory,
            Map<String, Object> harnessFloor) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", p.get("kind"));
        m.put("offeredRate", p.get("offeredRate"));
        m.put("failed", p.get("failed"));
        m.put("memoryFailed", memory.map(q -> q.get("failed")).orElse(null));
        for (String figure : List.of("overheadP50Ms", "overheadP99Ms")) {
            String suffix = figure.substring("overhead".length(), figure.length() - 2);
            Double measured = number(p, figure);
            Double other = memory.map(q -> number(q, figure)).orElse(null);
            m.put(figure, measured);
            m.put("memory" + suffix + "Ms", other);
            m.put(suffix.toLowerCase() + "PerMemoryVariant", ratio(measured, other));
            m.put(suffix.toLowerCase() + "PerHarnessFloor", ratio(measured, number(harnessFloor, figure)));
        }
        Map<String, Object> cpu = (Map<String, Object>) p.get("cpuShare");
        m.put("cpuCallbridge", cpu.get("callbridge"));
        m.put("memoryCpuCallbridge", memory.map(q -> ((Map<String, Object>) q.get("cpuShare")).get("callbridge"))
                .orElse(null));
        m.put("cpuPostgres", cpu.get("postgres"));
        Map<String, Object> db = (Map<String, Object>) p.getOrDefault("database", Map.of());
        m.put("statementsPerPlacement", db.get("statementsPerPlacement"));
        m.put("execMsPerPlacement", db.get("execMsPerPlacement"));
        return m;
    }

    private static Optional<Map<String, Object>> matching(List<Map<String, Object>> phases, Map<String, Object> p) {
        return phases.stream().filter(q -> q.get("kind").equals(p.get("kind"))
                && q.get("offeredRate").equals(p.get("offeredRate"))).findFirst();
    }

    /** {@code a / b} to two decimals; null when either is missing or {@code b} is not positive. */
    static Double ratio(Double a, Double b) {
        if (a == null || b == null || b <= 0 || a.isNaN() || b.isNaN()) {
            return null;
        }
        return Math.round(a / b * 100) / 100.0;
    }

    private static Double number(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Number n ? n.doubleValue() : null;
    }
}
