package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresComparisonTest {

    private static final Map<String, Object> HARNESS = Map.of("overheadP50Ms", 0.5, "overheadP99Ms", 2.0);

    private static Map<String, Object> phase(String kind, int rate, double p50, double p99, long failed,
            double achieved, Double postgresCpu, Double statements) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("callbridge", 0.1);
        if (postgresCpu != null) {
            cpu.put("postgres", postgresCpu);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", kind);
        p.put("offeredRate", rate);
        p.put("failed", failed);
        p.put("achievedRate", achieved);
        p.put("overheadP50Ms", p50);
        p.put("overheadP99Ms", p99);
        p.put("withinFloor", failed == 0 && p99 <= 10);
        p.put("cpuShare", cpu);
        if (statements != null) {
            p.put("database", Map.of("statementsPerPlacement", statements, "execMsPerPlacement", 0.2));
        }
        return p;
    }

    private static Map<String, Object> variant(String name, List<Map<String, Object>> phases,
            List<Map<String, Object>> search) {
        return Map.of("name", name, "phases", phases, "maximumSearch", search);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> floor(Map<String, Object> comparison, int index) {
        return ((List<Map<String, Object>>) comparison.get("floors")).get(index);
    }

    @Test
    void judgesEachFloorAndGivesItAsARatioToTheHarnessFloorAndTheMemoryVariant() {
        Map<String, Object> postgres = variant("postgres",
                List.of(phase("measured", 200, 2.0, 8.0, 0, 200.0, 0.05, 4.0),
                        phase("measured", 500, 2.5, 11.0, 0, 499.0, 0.12, 4.0)),
                List.of(phase("search", 300, 2.2, 9.0, 0, 300.0, 0.07, 4.0),
                        phase("search", 400, 2.4, 14.0, 0, 400.0, 0.1, 4.0)));
        Map<String, Object> memory = variant("baseline",
                List.of(phase("measured", 200, 1.0, 5.0, 0, 200.0, null, null),
                        phase("measured", 500, 1.1, 9.0, 0, 500.0, null, null)),
                List.of(phase("search", 300, 1.0, 5.0, 0, 300.0, null, null),
                        phase("search", 400, 1.0, 6.0, 0, 400.0, null, null),
                        phase("search", 500, 1.0, 7.0, 0, 500.0, null, null),
                        phase("search", 600, 1.0, 12.0, 0, 600.0, null, null)));

        Map<String, Object> c = PostgresComparison.of(postgres, Optional.of(memory), HARNESS);

        assertThat(floor(c, 0)).containsEntry("measured", 2.0).containsEntry("met", true)
                .containsEntry("perHarnessFloor", 4.0).containsEntry("limitPerHarnessFloor", 6.0)
                .containsEntry("memoryVariant", 1.0).containsEntry("perMemoryVariant", 2.0);
        assertThat(floor(c, 1)).containsEntry("measured", 8.0).containsEntry("met", true)
                .containsEntry("perHarnessFloor", 4.0).containsEntry("limitPerHarnessFloor", 6.0)
                .containsEntry("perMemoryVariant", 1.6);
        assertThat(floor(c, 2)).containsEntry("measured", 500.0).containsEntry("met", true)
                .containsEntry("perHarnessFloor", null).containsEntry("memoryVariant", 600.0)
                .containsEntry("perMemoryVariant", 0.83);
        assertThat(c).containsEntry("maxSustainableRate", 300).containsEntry("memoryMaxSustainableRate", 500);
    }

    @Test
    void aMissedBoundOrAFailedRequestIsNotMet() {
        Map<String, Object> postgres = variant("postgres",
                List.of(phase("measured", 200, 3.01, 12.5, 0, 200.0, 0.05, 4.0),
                        phase("measured", 500, 2.5, 9.0, 1, 499.0, 0.12, 4.0)),
                List.of(phase("search", 600, 2.5, 9.0, 0, 450.0, 0.12, 4.0)));

        Map<String, Object> c = PostgresComparison.of(postgres, Optional.empty(), HARNESS);

        assertThat(floor(c, 0)).containsEntry("met", false);
        assertThat(floor(c, 1)).containsEntry("met", false);
        // 500/s failed one request and 600/s achieved only 450/s: the highest clean rate is 200/s.
        assertThat(floor(c, 2)).containsEntry("measured", 200.0).containsEntry("met", false)
                .containsEntry("memoryVariant", null).containsEntry("perMemoryVariant", null);
        assertThat(c).containsEntry("comparedWith", null).containsEntry("memoryMaxSustainableRate", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void putsEachPhaseBesideTheMemoryPhaseOfTheSameKindAndRate() {
        Map<String, Object> postgres = variant("postgres", List.of(phase("measured", 200, 2.0, 8.0, 0, 200.0, 0.05,
                4.0)), List.of(phase("search", 700, 3.0, 9.0, 0, 700.0, 0.2, 4.5)));
        Map<String, Object> memory = variant("baseline", List.of(phase("measured", 200, 1.0, 4.0, 0, 200.0, null,
                null)), List.of(phase("search", 200, 9.0, 9.0, 0, 200.0, null, null)));

        List<Map<String, Object>> phases = (List<Map<String, Object>>) PostgresComparison.of(postgres,
                Optional.of(memory), HARNESS).get("phases");

        assertThat(phases.get(0)).containsEntry("memoryP50Ms", 1.0).containsEntry("p50PerMemoryVariant", 2.0)
                .containsEntry("p50PerHarnessFloor", 4.0).containsEntry("memoryP99Ms", 4.0)
                .containsEntry("p99PerMemoryVariant", 2.0).containsEntry("p99PerHarnessFloor", 4.0)
                .containsEntry("cpuPostgres", 0.05).containsEntry("statementsPerPlacement", 4.0);
        assertThat(phases.get(1)).containsEntry("memoryP50Ms", null).containsEntry("p50PerMemoryVariant", null)
                .containsEntry("p50PerHarnessFloor", 6.0).containsEntry("statementsPerPlacement", 4.5);
    }

    @Test
    void aRatioNeedsBothFiguresAndAPositiveDivisor() {
        assertThat(PostgresComparison.ratio(3.0, 2.0)).isEqualTo(1.5);
        assertThat(PostgresComparison.ratio(1.0, 3.0)).isEqualTo(0.33);
        assertThat(PostgresComparison.ratio(null, 2.0)).isNull();
        assertThat(PostgresComparison.ratio(1.0, 0.0)).isNull();
        assertThat(PostgresComparison.ratio(Double.NaN, 1.0)).isNull();
    }
}
