package dev.callbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The connect modes in the report: the summary's figures and targets, taken from a variant's
 * connect-mode phases ({@link ConnectModeRun}), and the section "Connect modes" with a row per
 * variant and mode. Reports without connect-mode phases render as before they existed.
 */
final class ConnectReport {

    /** Parallel and on-answer ring within this share of the inline mode's physical limit (p99). */
    static final double RING_RATIO_TARGET = 0.65;
    /** The connect webhook's own p99 (without the Ultravox stub's hold), ms. */
    static final double CONNECT_P99_TARGET_MS = 10;
    private static final String NONE = "—";

    private ConnectReport() {
    }

    /** The headline figures and targets of {@code variant}'s connect-mode phases, if it has them. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> summary(Map<String, Object> variant) {
        Map<String, Object> run = (Map<String, Object>) variant.get("connectModes");
        if (run == null) {
            return Optional.empty();
        }
        double fraction = ((Number) run.get("answeredFraction")).doubleValue();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("offeredRate", run.get("offeredRate"));
        s.put("physicalLimitMs", run.get("physicalLimitMs"));
        s.put("answeredFraction", fraction);
        List<Map<String, Object>> modes = new ArrayList<>();
        Map<String, Object> targets = new LinkedHashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) run.get("modes")) {
            String mode = (String) m.get("mode");
            Map<String, Object> ring = (Map<String, Object>) m.get("ring");
            Map<String, Object> connect = (Map<String, Object>) m.get("connect");
            Map<String, Object> created = (Map<String, Object>) m.get("created");
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("mode", mode);
            line.put("ringingP50Ms", ring.get("ringingP50Ms"));
            line.put("ringingP99Ms", ring.get("ringingP99Ms"));
            line.put("ratioP50", ring.get("ratioP50"));
            line.put("ratioP99", ring.get("ratioP99"));
            line.put("connectP99Ms", connect.get("latencyP99Ms"));
            line.put("connectExcessP99Ms", connect.get("excessP99Ms"));
            line.put("ultravoxPer100Placements", created.get("ultravoxPer100Placements"));
            modes.add(line);
            if (ConnectModes.usesConnectWebhook(mode)) {
                targets.put("time to ring p99 <= " + RING_RATIO_TARGET + " x physical limit (" + mode + ")",
                        atMost(ring.get("ratioP99"), RING_RATIO_TARGET));
                targets.put("connect webhook p99 without Ultravox <= " + (int) CONNECT_P99_TARGET_MS + " ms ("
                        + mode + ")", atMost(connect.get("excessP99Ms"), CONNECT_P99_TARGET_MS)
                        && ((Number) connect.get("stream")).longValue() == ((Number) connect.get("answered")).longValue());
            }
            expectedUltravoxCalls(mode, fraction).ifPresent(expected -> targets.put("Ultravox calls per 100 placements "
                    + "= " + BenchmarkMain.round(expected) + " (" + mode + ")",
                    equal(created.get("ultravoxPer100Placements"), expected)));
        }
        s.put("modes", modes);
        s.put("targets", targets);
        return Optional.of(s);
    }

    /**
     * How many Ultravox calls 100 placements should create: one each inline (made before
     * dialling), only the answered share on answer; parallel has no target (one each too, by design).
     */
    static Optional<Double> expectedUltravoxCalls(String mode, double answeredFraction) {
        return switch (mode) {
            case ConnectModes.INLINE -> Optional.of(100.0);
            case ConnectModes.ON_ANSWER -> Optional.of(100 * answeredFraction);
            default -> Optional.empty();
        };
    }

    /** The summary table's lines, when the summary has connect modes. */
    @SuppressWarnings("unchecked")
    static void summaryLines(StringBuilder md, Map<String, Object> summary) {
        Map<String, Object> s = (Map<String, Object>) summary.get("connectModes");
        if (s == null) {
            return;
        }
        for (Map<String, Object> m : (List<Map<String, Object>>) s.get("modes")) {
            md.append("| connect mode ").append(m.get("mode")).append(" at ").append(s.get("offeredRate"))
                    .append(" calls/s: ringing p50 / p99 (÷ physical limit ").append(s.get("physicalLimitMs"))
                    .append(" ms); connect webhook p99 without Ultravox; Ultravox calls per 100 placements | ")
                    .append(m.get("ringingP50Ms")).append(" / ").append(m.get("ringingP99Ms")).append(" ms (")
                    .append(m.get("ratioP50")).append(" / ").append(m.get("ratioP99")).append("); ")
                    .append(or(m.get("connectExcessP99Ms"))).append(ms(m.get("connectExcessP99Ms"))).append("; ")
                    .append(m.get("ultravoxPer100Placements")).append(" |\n");
        }
    }

    /** The targets among the floors, when the summary has connect modes. */
    @SuppressWarnings("unchecked")
    static void targets(StringBuilder md, Map<String, Object> summary) {
        Map<String, Object> s = (Map<String, Object>) summary.get("connectModes");
        if (s == null) {
            return;
        }
        ((Map<String, Object>) s.get("targets")).forEach((k, v) -> md.append("- ")
                .append(Boolean.TRUE.equals(v) ? "met" : "**NOT met**").append(": ").append(k).append('\n'));
    }

    /** The section "Connect modes", when any variant measured them. */
    @SuppressWarnings("unchecked")
    static void section(StringBuilder md, List<Map<String, Object>> variants) {
        List<Map<String, Object>> measured = variants.stream().filter(v -> v.containsKey("connectModes")).toList();
        if (measured.isEmpty()) {
            return;
        }
        Map<String, Object> first = (Map<String, Object>) measured.get(0).get("connectModes");
        long answeredPercent = Math.round(((Number) first.get("answeredFraction")).doubleValue() * 100);
        md.append("## Connect modes\n\nPer mode (`connectMode` in the placement body), placements at ")
                .append(first.get("offeredRate")).append(" calls/s for ").append(first.get("seconds"))
                .append(" s after a warmup of ").append(first.get("warmupSeconds"))
                .append(" s at the same rate, each to a callee number of its own, so that the Twilio stub's record ")
                .append("of each create request is matched to the placement that caused it. Stub latencies: ")
                .append("Ultravox ").append(first.get("ultravoxLatencyMs")).append(" ms, Twilio ")
                .append(first.get("twilioLatencyMs")).append(" ms; the inline mode's physical limit is their sum, ")
                .append(first.get("physicalLimitMs")).append(" ms.\n\n")
                .append("- *Create received*: from the moment the load generator was due to send the placement to ")
                .append("the moment the Twilio stub received the create request. *Ringing*: to the moment the stub ")
                .append("accepted it (its Twilio latency later), when a phone would start ringing; ÷ physical ")
                .append("limit is that over ").append(first.get("physicalLimitMs")).append(" ms. Target: parallel ")
                .append("and on-answer p99 <= ").append(RING_RATIO_TARGET).append(" (inline is about 1 by design).\n")
                .append("- *Connect webhook*: the stub answers ").append(answeredPercent).append("% of the calls ")
                .append("created with an answer URL, ").append(first.get("answerDelayMs")).append(" ms after ")
                .append("accepting them, by posting the signed connect webhook to Callbridge's port, and times it to ")
                .append("the end of its answer; only answers streaming to the agent count. *Without Ultravox*: each ")
                .append("webhook's latency minus the Ultravox stub's own hold of the agent call created for it ")
                .append("(on-answer creates it then; parallel has none to wait for). Target: p99 <= ")
                .append((int) CONNECT_P99_TARGET_MS).append(" ms. Inline has no connect webhook (the TwiML is inline).\n")
                .append("- *Ultravox calls / 100 placements*: counted by the Ultravox stub, with ")
                .append(100 - answeredPercent).append("% of calls never answered. Expected: inline 100, on-answer ")
                .append(answeredPercent).append(".\n\n");
        md.append("| variant | mode | ok / failed | placement p50 / p99 ms | create received p50 / p99 ms "
                + "| ringing p50 / p99 ms | ÷ physical limit p50 / p99 | answered | stream / fallback / other "
                + "| connect webhook p50 / p99 ms | Ultravox hold p50 / p99 ms | without Ultravox p50 / p99 / p99.9 ms "
                + "| Ultravox / Twilio calls per 100 placements | stub late p50 / p99 ms |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> v : measured) {
            Map<String, Object> run = (Map<String, Object>) v.get("connectModes");
            for (Map<String, Object> m : (List<Map<String, Object>>) run.get("modes")) {
                row(md, v.get("name"), m);
            }
        }
        md.append('\n');
    }

    @SuppressWarnings("unchecked")
    private static void row(StringBuilder md, Object variant, Map<String, Object> m) {
        Map<String, Object> ring = (Map<String, Object>) m.get("ring");
        Map<String, Object> c = (Map<String, Object>) m.get("connect");
        Map<String, Object> created = (Map<String, Object>) m.get("created");
        boolean webhook = ConnectModes.usesConnectWebhook((String) m.get("mode"));
        md.append("| ").append(variant).append(" | ").append(m.get("mode")).append(" | ").append(m.get("succeeded"))
                .append(" / ").append(m.get("failed")).append(" | ").append(pair(m, "p50Ms", "p99Ms")).append(" | ")
                .append(pair(ring, "createReceivedP50Ms", "createReceivedP99Ms")).append(" | ")
                .append(pair(ring, "ringingP50Ms", "ringingP99Ms")).append(" | ")
                .append(pair(ring, "ratioP50", "ratioP99")).append(" | ");
        if (webhook) {
            md.append(c.get("answered")).append(" | ").append(c.get("stream")).append(" / ").append(c.get("fallback"))
                    .append(" / ").append(((Number) c.get("otherErrors")).longValue()
                            + ((Number) c.get("unfinished")).longValue()).append(" | ")
                    .append(pair(c, "latencyP50Ms", "latencyP99Ms")).append(" | ")
                    .append(pair(c, "ultravoxHoldP50Ms", "ultravoxHoldP99Ms")).append(" | ")
                    .append(or(c.get("excessP50Ms"))).append(" / ").append(or(c.get("excessP99Ms"))).append(" / ")
                    .append(or(c.get("excessP999Ms"))).append(" | ");
        } else {
            md.append(NONE + " | " + NONE + " | " + NONE + " | " + NONE + " | " + NONE + " | ");
        }
        md.append(pair(created, "ultravoxPer100Placements", "twilioPer100Placements")).append(" | ")
                .append(pair((Map<String, Object>) m.getOrDefault("stubLateness", Map.of()), "p50Ms", "p99Ms"))
                .append(" |\n");
    }

    private static String pair(Map<String, Object> m, String a, String b) {
        return or(m.get(a)) + " / " + or(m.get(b));
    }

    private static boolean atMost(Object value, double limit) {
        return value instanceof Number n && n.doubleValue() <= limit;
    }

    private static boolean equal(Object value, double expected) {
        return value instanceof Number n && Math.abs(n.doubleValue() - expected) < 0.005;
    }

    private static String ms(Object value) {
        return value == null ? "" : " ms";
    }

    private static String or(Object value) {
        return value == null ? NONE : value.toString();
    }
}
