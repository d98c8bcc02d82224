package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectReportTest {

    private static final Map<String, Object> HARNESS = Map.of("overheadP50Ms", 0.5, "overheadP99Ms", 2.0,
            "overheadP999Ms", 3.0, "failed", 0);

    @Test
    void judgesEachTargetOnTheModesItConcerns() {
        Map<String, Object> baseline = variant("baseline", run(
                mode("inline", 401.0, 1.003, null, 1000, 1000),
                mode("parallel", 256.0, 0.64, connect(300, 300, 0, 3.9, 0), 1000, 1000),
                mode("on-answer", 281.0, 0.7025, connect(300, 299, 1, 12.5, 150.2), 1000, 299)));

        Map<String, Object> targets = targets(baseline);

        assertThat(targets).containsExactly(
                Map.entry("Ultravox calls per 100 placements = 100.0 (inline)", true),
                Map.entry("time to ring p99 <= 0.65 x physical limit (parallel)", true),
                Map.entry("connect webhook p99 without Ultravox <= 10 ms (parallel)", true),
                Map.entry("time to ring p99 <= 0.65 x physical limit (on-answer)", false),
                Map.entry("connect webhook p99 without Ultravox <= 10 ms (on-answer)", false),
                Map.entry("Ultravox calls per 100 placements = 30.0 (on-answer)", false));
    }

    @Test
    void aWebhookAnsweredWithTheFallbackMissesTheConnectTargetHoweverFastItWas() {
        Map<String, Object> baseline = variant("baseline", run(
                mode("on-answer", 252.0, 0.63, connect(300, 299, 1, 2.0, 150.2), 1000, 300)));

        assertThat(targets(baseline))
                .containsEntry("connect webhook p99 without Ultravox <= 10 ms (on-answer)", false)
                .containsEntry("time to ring p99 <= 0.65 x physical limit (on-answer)", true)
                .containsEntry("Ultravox calls per 100 placements = 30.0 (on-answer)", true);
    }

    @Test
    void countsTheWebhooksAnswersAndTheCallsCreatedPer100Placements() {
        Map<String, Object> stub = new LinkedHashMap<>(Map.of("dialled", 1000, "scheduled", 300, "finished", 298,
                "outcomes", Map.of(InboundTraffic.STREAM, 290, InboundTraffic.FALLBACK, 5, "http_403", 3),
                "latencyP99Ms", 155.0, "excessP99Ms", 4.0, "withUltravoxHold", 290, "ultravoxHoldP50Ms", 150.1));

        Map<String, Object> figures = ConnectFigures.of(stub);
        Map<String, Object> created = ConnectFigures.created(Map.of("ultravoxCreates", 290, "twilioCreates", 998),
                998);

        assertThat(figures).containsEntry("dialledWithAnswerUrl", 1000L).containsEntry("answered", 300L)
                .containsEntry("stream", 290L).containsEntry("fallback", 5L).containsEntry("otherErrors", 3L)
                .containsEntry("unfinished", 2L).containsEntry("excessP99Ms", 4.0)
                .containsEntry("ultravoxHoldP50Ms", 150.1);
        assertThat(created).containsEntry("ultravoxPer100Placements", 29.06)
                .containsEntry("twilioPer100Placements", 100.0);
        assertThat(ConnectFigures.of(Map.of("dialled", 0, "scheduled", 0, "finished", 0)))
                .doesNotContainKey("latencyP99Ms").containsEntry("stream", 0L);
    }

    @Test
    void rendersTheSectionTheSummaryLinesAndTheTargets() {
        Map<String, Object> baseline = variant("baseline", run(
                mode("inline", 401.0, 1.003, null, 1000, 1000),
                mode("parallel", 256.0, 0.64, connect(300, 300, 0, 3.9, 0), 1000, 1000),
                mode("on-answer", 255.0, 0.6375, connect(300, 300, 0, 4.5, 150.2), 1000, 300)));
        Map<String, Object> summary = summary();
        summary.put("connectModes", ConnectReport.summary(baseline).orElseThrow());

        String md = MarkdownReport.render(report(summary, List.of(baseline)));

        assertThat(md)
                .contains("| connect mode inline at 200 calls/s: ringing p50 / p99 (÷ physical limit 400 ms); "
                        + "connect webhook p99 without Ultravox; Ultravox calls per 100 placements "
                        + "| 398.0 / 401.0 ms (0.995 / 1.003); —; 100.0 |")
                .contains("| connect mode on-answer at 200 calls/s: ringing p50 / p99 (÷ physical limit 400 ms); "
                        + "connect webhook p99 without Ultravox; Ultravox calls per 100 placements "
                        + "| 252.0 / 255.0 ms (0.63 / 0.6375); 4.5 ms; 30.0 |")
                .contains("- met: time to ring p99 <= 0.65 x physical limit (parallel)\n")
                .contains("- met: Ultravox calls per 100 placements = 30.0 (on-answer)\n")
                .contains("## Connect modes")
                .contains("the stub answers 30% of the calls created with an answer URL, 1000 ms after accepting them")
                .contains("with 70% of calls never answered. Expected: inline 100, on-answer 30.")
                .contains("| baseline | inline | 1000 / 0 | 399.5 / 402.0 | 148.0 / 150.0 | 398.0 / 401.0 "
                        + "| 0.995 / 1.003 | — | — | — | — | — | 100.0 / 100.0 | 0.1 / 0.2 |")
                .contains("| baseline | on-answer | 1000 / 0 | 253.5 / 256.0 | 1.0 / 3.0 | 252.0 / 255.0 "
                        + "| 0.63 / 0.6375 | 300 | 300 / 0 / 0 | 152.2 / 155.2 | 150.2 / 150.4 | 1.5 / 4.5 / 6.0 "
                        + "| 30.0 / 100.0 | 0.1 / 0.2 |")
                .contains("| baseline | parallel | 1000 / 0 | 254.5 / 257.0 | 1.0 / 3.0 | 253.0 / 256.0 "
                        + "| 0.633 / 0.64 | 300 | 300 / 0 / 0 | 2.0 / 3.9 | — / — | 1.5 / 3.9 / 6.0 "
                        + "| 100.0 / 100.0 | 0.1 / 0.2 |");
        assertThat(md.indexOf("## Connect modes")).isGreaterThan(md.indexOf("## Variant `baseline`"))
                .isLessThan(md.indexOf("## Harness floor"));
    }

    @Test
    void aReportWithoutConnectModePhasesHasNeitherTheSectionNorTheLines() {
        Map<String, Object> baseline = variant("baseline", null);

        String md = MarkdownReport.render(report(summary(), List.of(baseline)));

        assertThat(ConnectReport.summary(baseline)).isEmpty();
        assertThat(md).doesNotContain("Connect modes").doesNotContain("connect mode")
                .contains("| at 200 calls/s: peak RSS / peak heap used | null / null MiB |\n\nFloors:\n\n\n");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> targets(Map<String, Object> variant) {
        return (Map<String, Object>) ConnectReport.summary(variant).orElseThrow().get("targets");
    }

    private static Map<String, Object> run(Map<String, Object>... modes) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("offeredRate", 200);
        run.put("seconds", 5);
        run.put("warmupSeconds", 3);
        run.put("answeredFraction", 0.3);
        run.put("answerDelayMs", 1000L);
        run.put("ultravoxLatencyMs", 150L);
        run.put("twilioLatencyMs", 250L);
        run.put("physicalLimitMs", 400L);
        run.put("modes", List.of(modes));
        return run;
    }

    /** A mode's figures: ringing p99 and its ratio; {@code connect} null for inline (no webhook). */
    private static Map<String, Object> mode(String name, double ringingP99, double ratioP99,
            Map<String, Object> connect, long placed, long ultravoxCalls) {
        boolean inline = connect == null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", name);
        m.put("succeeded", placed);
        m.put("failed", 0L);
        m.put("p50Ms", ringingP99 - 1.5);
        m.put("p99Ms", ringingP99 + 1);
        m.put("ring", Map.of("createReceivedP50Ms", inline ? 148.0 : 1.0, "createReceivedP99Ms", inline ? 150.0 : 3.0,
                "ringingP50Ms", ringingP99 - 3, "ringingP99Ms", ringingP99,
                "ratioP50", BenchmarkMain.round3((ringingP99 - 3) / 400), "ratioP99", ratioP99));
        m.put("connect", inline ? ConnectFigures.of(Map.of("dialled", 0, "scheduled", 0, "finished", 0)) : connect);
        m.put("created", ConnectFigures.created(Map.of("ultravoxCreates", ultravoxCalls, "twilioCreates", placed),
                placed));
        m.put("stubLateness", Map.of("p50Ms", 0.1, "p99Ms", 0.2));
        return m;
    }

    /** A webhook mode's connect figures; {@code holdP50} 0 when no Ultravox call was awaited (parallel). */
    private static Map<String, Object> connect(long answered, long stream, long fallback, double excessP99,
            double holdP50) {
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("dialled", 1000);
        stub.put("scheduled", answered);
        stub.put("finished", answered);
        stub.put("outcomes", fallback == 0 ? Map.of(InboundTraffic.STREAM, stream)
                : Map.of(InboundTraffic.STREAM, stream, InboundTraffic.FALLBACK, fallback));
        stub.put("latencyP50Ms", holdP50 + 2.0);
        stub.put("latencyP99Ms", holdP50 == 0 ? excessP99 : holdP50 + 5.0);
        stub.put("latencyP999Ms", holdP50 + 7.0);
        stub.put("latencyMaxMs", holdP50 + 8.0);
        stub.put("excessP50Ms", 1.5);
        stub.put("excessP99Ms", excessP99);
        stub.put("excessP999Ms", 6.0);
        stub.put("withUltravoxHold", holdP50 == 0 ? 0 : stream);
        stub.put("ultravoxHoldP50Ms", holdP50);
        stub.put("ultravoxHoldP99Ms", holdP50 == 0 ? 0 : 150.4);
        return ConnectFigures.of(stub);
    }

    private static Map<String, Object> variant(String name, Map<String, Object> connectModes) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("description", name);
        v.put("phases", List.of());
        if (connectModes != null) {
            v.put("connectModes", connectModes);
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
