package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbound answer in the report: the summary's figures, taken from a variant's inbound
 * phase, and the section "Inbound answer" with one row per variant that measured it, beside
 * the harness floor. Reports without an inbound phase render as before it existed.
 */
final class InboundReport {

    private static final String NONE = "—";

    private InboundReport() {
    }

    /** The headline figures of {@code variant}'s inbound phase, if it has one. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> summary(Map<String, Object> variant) {
        Map<String, Object> p = (Map<String, Object>) variant.get("inbound");
        if (p == null) {
            return Optional.empty();
        }
        Map<String, Object> s = new LinkedHashMap<>();
        for (String key : List.of("offeredRate", "ultravoxLatencyMs", "p50Ms", "p99Ms", "overheadP50Ms",
                "overheadP99Ms")) {
            s.put(key, p.get(key));
        }
        s.putAll(answers(p));
        return Optional.of(s);
    }

    /**
     * How the phase's webhooks were answered: the agent's stream, the fallback TwiML, or
     * anything else (another status, a transport error, no answer before the drain ended).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> answers(Map<String, Object> phase) {
        Map<String, Object> outcomes = (Map<String, Object>) phase.getOrDefault("outcomes", Map.of());
        long sent = number(phase.get("sent"));
        long stream = number(outcomes.get(InboundTraffic.STREAM));
        long fallback = number(outcomes.get(InboundTraffic.FALLBACK));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("stream", stream);
        m.put("fallback", fallback);
        m.put("otherErrors", sent - stream - fallback);
        return m;
    }

    /** The summary table's line, when the summary has an inbound answer. */
    @SuppressWarnings("unchecked")
    static void summaryLine(StringBuilder md, Map<String, Object> summary) {
        Map<String, Object> s = (Map<String, Object>) summary.get("inbound");
        if (s == null) {
            return;
        }
        md.append("| inbound answer at ").append(s.get("offeredRate")).append(" calls/s: p50 / p99 (overhead over ")
                .append("the Ultravox stub's ").append(s.get("ultravoxLatencyMs"))
                .append(" ms); stream / fallback / other errors | ").append(s.get("p50Ms")).append(" / ")
                .append(s.get("p99Ms")).append(" ms (").append(s.get("overheadP50Ms")).append(" / ")
                .append(s.get("overheadP99Ms")).append(" ms); ").append(s.get("stream")).append(" / ")
                .append(s.get("fallback")).append(" / ").append(s.get("otherErrors")).append(" |\n");
    }

    /** The section "Inbound answer", when any variant measured it. */
    @SuppressWarnings("unchecked")
    static void section(StringBuilder md, List<Map<String, Object>> variants, Map<String, Object> harnessFloor) {
        List<Map<String, Object>> measured = variants.stream().filter(v -> v.containsKey("inbound")).toList();
        if (measured.isEmpty()) {
            return;
        }
        Map<String, Object> first = (Map<String, Object>) measured.get(0).get("inbound");
        md.append("## Inbound answer\n\nTwilio's voice webhook (`POST /webhooks/twilio/voice`, signed, a fresh ")
                .append("`CallSid` each) for one routed number at a constant offered rate, after a warmup of ")
                .append(first.get("warmup")).append(": Callbridge records the call, creates the Ultravox agent call ")
                .append("(the stub answers after ").append(first.get("ultravoxLatencyMs"))
                .append(" ms) and answers `<Connect><Stream>` TwiML. Overhead is the answer latency minus that ")
                .append(first.get("ultravoxLatencyMs")).append(" ms; the harness floor, one hop to the same stub, ")
                .append("is overhead p50 ").append(harnessFloor.get("overheadP50Ms")).append(" ms, p99 ")
                .append(harnessFloor.get("overheadP99Ms")).append(" ms. Only the stream counts as answered: ")
                .append("the fallback TwiML means the agent did not get the call. Statements per answer: ")
                .append("pg_stat_statements, per connected call.\n\n");
        md.append("| variant | offered/s | achieved/s | stream | fallback | other errors | p50 ms | p99 ms | p99.9 ms "
                + "| overhead p50 | overhead p99 | overhead p99.9 | overhead p50 / p99 ÷ harness floor "
                + "| CPU Callbridge | peak RSS MiB | stub late p50 / p99 ms | statements / answer |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> v : measured) {
            row(md, v.get("name"), (Map<String, Object>) v.get("inbound"), harnessFloor);
        }
        md.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void row(StringBuilder md, Object name, Map<String, Object> p, Map<String, Object> floor) {
        Map<String, Object> answers = answers(p);
        Map<String, Object> cpu = (Map<String, Object>) p.getOrDefault("cpuShare", Map.of());
        Map<String, Object> mem = (Map<String, Object>) p.getOrDefault("memoryUnderLoad", Map.of());
        Map<String, Object> db = (Map<String, Object>) p.getOrDefault("database", Map.of());
        md.append("| ").append(name).append(" | ").append(p.get("offeredRate")).append(" | ")
                .append(p.get("achievedRate")).append(" | ").append(answers.get("stream")).append(" | ")
                .append(answers.get("fallback")).append(" | ").append(answers.get("otherErrors")).append(" | ")
                .append(p.get("p50Ms")).append(" | ").append(p.get("p99Ms")).append(" | ")
                .append(p.get("p999Ms")).append(" | ").append(p.get("overheadP50Ms")).append(" | ")
                .append(p.get("overheadP99Ms")).append(" | ").append(p.get("overheadP999Ms")).append(" | ")
                .append(or(ratio(p, floor, "overheadP50Ms"))).append(" / ").append(or(ratio(p, floor, "overheadP99Ms")))
                .append(" | ").append(or(cpu.get("callbridge"))).append(" | ").append(or(mem.get("peakRssMiB")))
                .append(" | ").append(MarkdownReport.pair((Map<String, Object>) p.getOrDefault("stubLateness", Map.of()),
                        "p50Ms", "p99Ms"))
                .append(" | ").append(or(db.get("statementsPerPlacement"))).append(" |\n");
    }

    private static Double ratio(Map<String, Object> p, Map<String, Object> floor, String figure) {
        return PostgresComparison.ratio(decimal(p.get(figure)), decimal(floor.get(figure)));
    }

    private static Double decimal(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }

    private static String or(Object value) {
        return value == null ? NONE : value.toString();
    }
}
