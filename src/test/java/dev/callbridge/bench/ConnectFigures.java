package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connect-mode figures taken from the stub's records: the connect webhook's answers and
 * latency ({@link ConnectAnswerer#report}), and the calls created per 100 placements.
 */
final class ConnectFigures {

    private ConnectFigures() {
    }

    /**
     * The webhooks the stub sent, how they were answered (the agent's stream, the fallback TwiML,
     * anything else), those still without an answer when the drain ended, and their latency:
     * total, the part spent in the Ultravox stub, and the rest (total minus that hold, per webhook).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(Map<String, Object> stub) {
        Map<String, Object> outcomes = (Map<String, Object>) stub.getOrDefault("outcomes", Map.of());
        long scheduled = number(stub.get("scheduled"));
        long finished = number(stub.get("finished"));
        long stream = number(outcomes.get(InboundTraffic.STREAM));
        long fallback = number(outcomes.get(InboundTraffic.FALLBACK));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dialledWithAnswerUrl", number(stub.get("dialled")));
        m.put("answered", scheduled);
        m.put("stream", stream);
        m.put("fallback", fallback);
        m.put("otherErrors", finished - stream - fallback);
        m.put("unfinished", scheduled - finished);
        m.put("outcomes", outcomes);
        if (stream == 0) {
            return m;
        }
        for (String figure : List.of("latencyP50Ms", "latencyP99Ms", "latencyP999Ms", "latencyMaxMs",
                "excessP50Ms", "excessP99Ms", "excessP999Ms")) {
            m.put(figure, stub.get(figure));
        }
        long withHold = number(stub.get("withUltravoxHold"));
        m.put("withUltravoxHold", withHold);
        if (withHold > 0) {
            m.put("ultravoxHoldP50Ms", stub.get("ultravoxHoldP50Ms"));
            m.put("ultravoxHoldP99Ms", stub.get("ultravoxHoldP99Ms"));
        }
        return m;
    }

    /** The Ultravox and Twilio calls the stubs created, and per 100 of the {@code placed} placements. */
    static Map<String, Object> created(Map<String, Object> counts, long placed) {
        long ultravox = number(counts.get("ultravoxCreates"));
        long twilio = number(counts.get("twilioCreates"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placements", placed);
        m.put("ultravoxCalls", ultravox);
        m.put("twilioCalls", twilio);
        m.put("ultravoxPer100Placements", placed == 0 ? null : BenchmarkMain.round(ultravox * 100.0 / placed));
        m.put("twilioPer100Placements", placed == 0 ? null : BenchmarkMain.round(twilio * 100.0 / placed));
        return m;
    }

    static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0;
    }
}
