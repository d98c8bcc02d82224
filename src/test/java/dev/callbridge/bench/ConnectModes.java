package dev.callbridge.bench;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The placements of the connect-mode phases: the benchmark's usual placement body, naming the
 * {@code connectMode} and a callee number of its own per placement ({@link PlacementNumbers}), so
 * that each Twilio create the stub receives can be matched to the placement that caused it.
 */
final class ConnectModes {

    /** Today's behaviour: Ultravox first, then Twilio with the TwiML inline. */
    static final String INLINE = "inline";
    /** Ultravox and Twilio at once; Twilio fetches the TwiML on answer. */
    static final String PARALLEL = "parallel";
    /** Twilio only; the Ultravox call is created when Twilio fetches the TwiML on answer. */
    static final String ON_ANSWER = "on-answer";
    /** In the order they are measured: inline first, as the reference. */
    static final List<String> ALL = List.of(INLINE, PARALLEL, ON_ANSWER);

    private ConnectModes() {
    }

    /** Whether Twilio fetches the call's TwiML from Callbridge's connect webhook on answer. */
    static boolean usesConnectWebhook(String mode) {
        return !INLINE.equals(mode);
    }

    /** The placement body for the callee {@code to} in {@code mode}. */
    static String body(String mode, String to) {
        return "{\"to\": \"" + to + "\", \"connectMode\": \"" + mode + "\", \"templateContext\": {\"customer\": "
                + "{\"firstName\": \"Ada\", \"orders\": [1, 2, 3]}}, \"metadata\": {\"campaign\": \"bench\"}}";
    }

    /** {@code count} placements in {@code mode}, the i-th to {@link PlacementNumbers#to PlacementNumbers.to(i)}. */
    static List<LoadGenerator.Request> requests(String mode, int count) {
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-API-Key", BenchmarkMain.API_KEY);
        return IntStream.range(0, count).mapToObj(i -> new LoadGenerator.Request(BenchmarkMain.AGENT_PATH, headers,
                Buffer.buffer(body(mode, PlacementNumbers.to(i))))).toList();
    }
}
