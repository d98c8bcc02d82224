package dev.callbridge.bench;

import java.util.List;
import java.util.Map;

/** Renders the benchmark report as Markdown tables. */
final class MarkdownReport {

    private MarkdownReport() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> report) {
        StringBuilder md = new StringBuilder("# Callbridge benchmark\n\n");
        md.append("Measured ").append(report.get("measuredAt")).append(" with `./mvnw -Pbench verify`.\n\n");
        md.append("## Machine and settings\n\n");
        table(md, (Map<String, Object>) report.get("machine"));
        table(md, (Map<String, Object>) report.get("settings"));
        Map<String, Object> summary = (Map<String, Object>) report.get("summary");
        md.append("## Summary (").append(summary.getOrDefault("variant", "baseline")).append(" variant)\n\n");
        md.append("| Figure | Value |\n|---|---|\n");
        md.append("| maximum sustainable rate (")
                .append(summary.getOrDefault("sustainableMeans", "p99 overhead <= 10 ms, no failure")).append(") | ")
                .append(summary.get("maxSustainableRate")).append(" calls/s |\n");
        md.append("| physical-limit ratio: p50 end-to-end / injected latency, at 200/s | ")
                .append(summary.get("physicalLimitRatioAt200")).append(" |\n");
        md.append("| startup to ready | ").append(summary.get("startupToReadyMillis")).append(" ms |\n");
        md.append("| idle: RSS / heap used | ").append(pair((Map<String, Object>) summary.get("idle"),
                "rssMiB", "heapUsedMiB")).append(" MiB |\n");
        md.append("| at 200 calls/s: peak RSS / peak heap used | ").append(pair(
                (Map<String, Object>) summary.get("at200"), "peakRssMiB", "peakHeapUsedMiB")).append(" MiB |\n");
        InboundReport.summaryLine(md, summary);
        ConnectReport.summaryLines(md, summary);
        md.append('\n');
        md.append("Floors:\n\n");
        ((Map<String, Object>) summary.get("floors")).forEach((k, v) ->
                md.append("- ").append(Boolean.TRUE.equals(v) ? "met" : "**NOT met**").append(": ").append(k)
                        .append('\n'));
        ConnectReport.targets(md, summary);
        md.append('\n');
        if (summary.containsKey("postgres")) {
            PostgresReport.render(md, (Map<String, Object>) summary.get("postgres"),
                    Summary.named((List<Map<String, Object>>) report.get("variants"), "postgres").orElseThrow());
        }
        for (Map<String, Object> variant : (List<Map<String, Object>>) report.get("variants")) {
            variant(md, variant);
        }
        Map<String, Object> floor = (Map<String, Object>) report.get("harnessFloor");
        InboundReport.section(md, (List<Map<String, Object>>) report.get("variants"), floor);
        ConnectReport.section(md, (List<Map<String, Object>>) report.get("variants"));
        md.append("## Harness floor\n\nThe load generator straight to the Ultravox stub (one hop, ")
                .append("no Callbridge) at 200/s: overhead p50 ").append(floor.get("overheadP50Ms"))
                .append(" ms, p99 ").append(floor.get("overheadP99Ms")).append(" ms, p99.9 ")
                .append(floor.get("overheadP999Ms")).append(" ms (").append(floor.get("failed"))
                .append(" failed), of which the stub's timer was late by ")
                .append(pair((Map<String, Object>) floor.getOrDefault("stubLateness", Map.of()), "p50Ms", "p99Ms"))
                .append(" ms (p50 / p99). A call through Callbridge crosses three such hops, two of them with a timer.\n\n")
                .append("Stub transport: ").append(report.get("stubTransport"))
                .append(" (NIO timers fire up to 1 ms late, epoll's within about 0.15 ms).\n");
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static void variant(StringBuilder md, Map<String, Object> v) {
        md.append("## Variant `").append(v.get("name")).append("`\n\n").append(v.get("description"))
                .append(". JDK: `").append(v.get("javaHome")).append("`; JVM flags `").append(v.get("jvmFlags"))
                .append("`; settings ").append(v.get("env"))
                .append("; startup to ready ").append(v.get("startupToReadyMillis")).append(" ms")
                .append(v.containsKey("startupToReadyWithoutAppCdsMillis")
                        ? " (" + v.get("startupToReadyWithoutAppCdsMillis") + " ms without the AppCDS archive)" : "")
                .append(".\n\n");
        md.append("| kind | offered/s | achieved/s | ok | failed | p50 ms | p99 ms | p99.9 ms | overhead p50 | "
                + "overhead p99 | overhead p99.9 | CPU Callbridge | CPU stubs | CPU load gen | peak RSS MiB | mean own work ms | "
                + "mean Ultravox / Twilio wait ms | stub late p50 / p99 ms |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        List<Map<String, Object>> rows = new java.util.ArrayList<>((List<Map<String, Object>>) v.get("phases"));
        rows.addAll((List<Map<String, Object>>) v.getOrDefault("maximumSearch", List.of()));
        for (Map<String, Object> p : rows) {
            Map<String, Object> cpu = (Map<String, Object>) p.get("cpuShare");
            Map<String, Object> mem = (Map<String, Object>) p.get("memoryUnderLoad");
            md.append("| ").append(p.get("kind")).append(" | ").append(p.get("offeredRate")).append(" | ")
                    .append(p.get("achievedRate")).append(" | ").append(p.get("succeeded")).append(" | ")
                    .append(p.get("failed")).append(" | ").append(p.get("p50Ms")).append(" | ")
                    .append(p.get("p99Ms")).append(" | ").append(p.get("p999Ms")).append(" | ")
                    .append(p.get("overheadP50Ms")).append(" | ").append(p.get("overheadP99Ms")).append(" | ")
                    .append(p.get("overheadP999Ms")).append(" | ").append(cpu.get("callbridge")).append(" | ")
                    .append(cpu.get("stubs")).append(" | ").append(cpu.get("loadGenerator")).append(" | ")
                    .append(mem.get("peakRssMiB")).append(" | ")
                    .append(((Map<String, Object>) p.get("stageMeans")).get("ownWorkMeanMs")).append(" | ")
                    .append(pair((Map<String, Object>) p.get("stageMeans"), "ultravoxCreateCallMeanMs",
                            "twilioCreateCallMeanMs")).append(" | ")
                    .append(pair((Map<String, Object>) p.getOrDefault("stubLateness", Map.of()), "p50Ms", "p99Ms"))
                    .append(" |\n");
        }
        md.append('\n');
        if (v.containsKey("postgres")) {
            PostgresReport.database(md, v, rows);
        }
    }

    static String pair(Map<String, Object> m, String a, String b) {
        return m.get(a) + " / " + m.get(b);
    }

    private static void table(StringBuilder md, Map<String, Object> m) {
        md.append("| Item | Value |\n|---|---|\n");
        m.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
    }
}
