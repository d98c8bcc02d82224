package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {

    private static final Path COMMITTED = Path.of("src", "bench");

    @Test
    @SuppressWarnings("unchecked")
    void theCommittedReportIsWhatTheRendererMakesOfItsJson() throws IOException {
        Map<String, Object> report = new ObjectMapper().readValue(COMMITTED.resolve("benchmark.json").toFile(),
                Map.class);
        Path notes = COMMITTED.resolve("before-after.md");
        String expected = MarkdownReport.render(report) + (Files.exists(notes) ? "\n" + Files.readString(notes) : "");

        assertThat(Files.readString(COMMITTED.resolve("benchmark.md"))).isEqualTo(expected);
    }

    @Test
    void showsThePostgresFloorsBesideTheMemoryVariantAndTheDatabasePerPhase() {
        Map<String, Object> baseline = variant("baseline", phase(200, 1.0, 5.0, 0.1, null));
        Map<String, Object> postgres = variant("postgres", phase(200, 2.0, 13.0, 0.15,
                Map.of("statementsPerPlacement", 4.0, "execMsPerPlacement", 0.3, "topStatements",
                        List.of(Map.of("statement", "SELECT a || b", "perPlacement", 4.0)))));
        postgres.put("postgres", Map.of("version", "14.22", "commits", "durable", "sharedBuffers", "128MB",
                "queriesMeasuredBy", "pg_stat_statements"));
        Map<String, Object> harness = Map.of("overheadP50Ms", 0.5, "overheadP99Ms", 2.0, "overheadP999Ms", 3.0,
                "failed", 0);
        Map<String, Object> summary = new LinkedHashMap<>(Map.of("variant", "baseline", "idle", Map.of(),
                "at200", Map.of(), "floors", Map.of()));
        summary.put("postgres", PostgresComparison.of(postgres, Optional.of(baseline), harness));
        Map<String, Object> report = new LinkedHashMap<>(Map.of("machine", Map.of(), "settings", Map.of(),
                "summary", summary, "variants", List.of(baseline, postgres), "harnessFloor", harness));

        String md = MarkdownReport.render(report);

        assertThat(md).contains("## Postgres variant beside the memory variant (same run)")
                .contains("| overhead p50 <= 3 ms at 200/s | 2.0 ms | met | 0.5 ms | 4.0 (6.0) | 1.0 ms | 2.0 |")
                .contains("| overhead p99 <= 12 ms at 200/s | 13.0 ms | **NOT met** | 2.0 ms | 6.5 (6.0) | 5.0 ms "
                        + "| 2.6 |")
                .contains("| >= 500 calls/s sustained with zero errors | 200.0 calls/s | **NOT met** | — | — "
                        + "| 200.0 calls/s | 1.0 |")
                .contains("| measured | 200 | 0 / 0 | 2.0 / 1.0 | 2.0 | 4.0 | 13.0 / 5.0 | 2.6 | 6.5 | 0.15 / 0.1 "
                        + "| 0.07 | 4.0 | 0.3 |")
                .contains("| measured | 200 | 0.07 | 0.15 | 4.0 | 0.3 | `SELECT a \\|\\| b` 4.0 |");
    }

    private static Map<String, Object> variant(String name, Map<String, Object> phase) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", name);
        v.put("phases", List.of(phase));
        return v;
    }

    private static Map<String, Object> phase(int rate, double p50, double p99, double cpu,
            Map<String, Object> database) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("kind", "measured");
        p.put("offeredRate", rate);
        p.put("achievedRate", (double) rate);
        p.put("failed", 0L);
        p.put("overheadP50Ms", p50);
        p.put("overheadP99Ms", p99);
        p.put("withinFloor", p99 <= 10);
        Map<String, Object> share = new LinkedHashMap<>(Map.of("callbridge", cpu, "stubs", 0.01,
                "loadGenerator", 0.02));
        if (database != null) {
            share.put("postgres", 0.07);
            p.put("database", database);
        }
        p.put("cpuShare", share);
        p.put("memoryUnderLoad", Map.of("peakRssMiB", 200.0));
        p.put("stageMeans", Map.of("ownWorkMeanMs", 0.1));
        return p;
    }
}
