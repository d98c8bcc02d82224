package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundReportTest {

    private static final Map<String, Object> HARNESS = Map.of("overheadP50Ms", 0.5, "overheadP99Ms", 2.0,
            "overheadP999Ms", 3.0, "failed", 0);

    @Test
    void countsTheStreamTheFallbackAndWhatElseCameBack() {
        Map<String, Object> phase = inbound(1500, Map.of(InboundTraffic.STREAM, 1490L, InboundTraffic.FALLBACK, 7L,
                "http_403", 2L), null);

        assertThat(InboundReport.answers(phase)).containsEntry("stream", 1490L).containsEntry("fallback", 7L)
                .containsEntry("otherErrors", 3L);
    }

    @Test
    void rendersASectionAndASummaryLineBesideTheHarnessFloor() {
        Map<String, Object> baseline = variant("baseline", inbound(1500, Map.of(InboundTraffic.STREAM, 1500L), null));
        Map<String, Object> postgres = variant("postgres", inbound(1500,
                Map.of(InboundTraffic.STREAM, 1499L, InboundTraffic.FALLBACK, 1L),
                Map.of("statementsPerPlacement", 5.0)));
        Map<String, Object> summary = summary();
        summary.put("inbound", InboundReport.summary(baseline).orElseThrow());

        String md = MarkdownReport.render(report(summary, List.of(baseline, postgres)));

        assertThat(md)
                .contains("| inbound answer at 100 calls/s: p50 / p99 (overhead over the Ultravox stub's 150 ms); "
                        + "stream / fallback / other errors | 151.0 / 154.0 ms (1.0 / 4.0 ms); 1500 / 0 / 0 |")
                .contains("## Inbound answer")
                .contains("after a warmup of 200 calls/s for 20 s")
                .contains("overhead p50 0.5 ms, p99 2.0 ms")
                .contains("| baseline | 100 | 100.0 | 1500 | 0 | 0 | 151.0 | 154.0 | 156.0 | 1.0 | 4.0 | 6.0 "
                        + "| 2.0 / 2.0 | 0.05 | 210.0 | 0.1 / 0.2 | — |")
                .contains("| postgres | 100 | 100.0 | 1499 | 1 | 0 | 151.0 | 154.0 | 156.0 | 1.0 | 4.0 | 6.0 "
                        + "| 2.0 / 2.0 | 0.05 | 210.0 | 0.1 / 0.2 | 5.0 |");
        assertThat(md.indexOf("## Inbound answer")).isLessThan(md.indexOf("## Harness floor"));
    }

    @Test
    void aReportWithoutAnInboundPhaseHasNeitherTheSectionNorTheLine() {
        Map<String, Object> baseline = variant("baseline", null);

        String md = MarkdownReport.render(report(summary(), List.of(baseline)));

        assertThat(InboundReport.summary(baseline)).isEmpty();
        assertThat(md).doesNotContain("Inbound answer").doesNotContain("inbound answer")
                .contains("| at 200 calls/s: peak RSS / peak heap used | null / null MiB |\n\nFloors:");
    }

    private static Map<String, Object> inbound(long sent, Map<String, Long> outcomes, Map<String, Object> database) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("offeredRate", 100);
        p.put("sent", sent);
        p.put("achievedRate", 100.0);
        p.put("outcomes", outcomes);
        p.put("p50Ms", 151.0);
        p.put("p99Ms", 154.0);
        p.put("p999Ms", 156.0);
        p.put("overheadP50Ms", 1.0);
        p.put("overheadP99Ms", 4.0);
        p.put("overheadP999Ms", 6.0);
        p.put("kind", "inbound");
        p.put("cpuShare", Map.of("callbridge", 0.05));
        p.put("memoryUnderLoad", Map.of("peakRssMiB", 210.0));
        p.put("stubLateness", Map.of("p50Ms", 0.1, "p99Ms", 0.2));
        if (database != null) {
            p.put("database", database);
        }
        p.put("ultravoxLatencyMs", 150L);
        p.put("warmup", "200 calls/s for 20 s");
        return p;
    }

    private static Map<String, Object> variant(String name, Map<String, Object> inbound) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", name);
        v.put("phases", List.of());
        if (inbound != null) {
            v.put("inbound", inbound);
        }
        return v;
    }

    private static Map<String, Object> summary() {
        return new LinkedHashMap<>(Map.of("variant", "baseline", "idle", Map.of(), "at200", Map.of(),
                "floors", Map.of()));
    }

    private static Map<String, Object> report(Map<String, Object> summary, List<Map<String, Object>> variants) {
        return new LinkedHashMap<>(Map.of("machine", Map.of(), "settings", Map.of(), "summary", summary,
                "variants", variants, "harnessFloor", HARNESS));
    }
}
