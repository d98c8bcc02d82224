package dev.callbridge.bench;

import dev.callbridge.sandbox.TwilioSignatures;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Twilio's voice webhook as the benchmark sends it: a call from one caller to the routed
 * number, a fresh {@code CallSid} each, signed as Twilio signs it for Callbridge's public URL,
 * and how an answer is judged: only the agent's stream (the stub's join URL in
 * {@code <Connect><Stream>}) succeeds; the fallback TwiML means the call was not connected.
 */
final class InboundTraffic {

    /** Any https URL: the signature covers it, and nothing calls it. */
    static final String PUBLIC_BASE_URL = "https://callbridge-bench.invalid";
    /** The routed number; a valid US number, as the route write checks. */
    static final String NUMBER = "+14155550142";
    static final String CALLER = "+14155550123";
    static final String ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String STREAM = "http_200_stream";
    static final String FALLBACK = "http_200_fallback";

    private static final String STREAM_START = "<Connect><Stream url=\"" + VendorStubs.JOIN_URL_PREFIX;

    /** The stream succeeds; the fallback and every other status fail. */
    static final LoadGenerator.Judge ANSWERS = (status, body) -> {
        if (status != 200) {
            return new LoadGenerator.Outcome("http_" + status, false);
        }
        return body.toString().contains(STREAM_START) ? new LoadGenerator.Outcome(STREAM, true)
                : new LoadGenerator.Outcome(FALLBACK, false);
    };

    private InboundTraffic() {
    }

    /** The path of the number's route ({@code PUT} with {@link #routeBody}). */
    static String routePath() {
        return "/api/v1/numbers/" + URLEncoder.encode(NUMBER, StandardCharsets.UTF_8);
    }

    static String routeBody() {
        return "{\"agentId\": \"" + BenchmarkMain.AGENT_ID + "\"}";
    }

    /**
     * {@code count} signed webhooks with SIDs made of {@code prefix} and their index: a prefix
     * per phase keeps every SID of a run distinct, so none is answered as a retry.
     */
    static List<LoadGenerator.Request> requests(String authToken, String prefix, int count) {
        String url = PUBLIC_BASE_URL + TwilioWebhookUrl.VOICE_PATH;
        return IntStream.range(0, count).mapToObj(i -> {
            Map<String, String> fields = fields(sid(prefix, i));
            Map<String, String> headers = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8",
                    "X-Twilio-Signature", TwilioSignatures.sign(authToken, url, fields));
            return new LoadGenerator.Request(TwilioWebhookUrl.VOICE_PATH, headers, Buffer.buffer(form(fields)));
        }).toList();
    }

    /** {@code CA} and 32 hex digits, as Twilio's SIDs are. */
    static String sid(String prefix, int index) {
        String hex = prefix + String.format("%08x", index);
        return "CA" + "0".repeat(Math.max(0, 32 - hex.length())) + hex;
    }

    /** The fields Twilio posts for a call ringing the routed number. */
    static Map<String, String> fields(String sid) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("CallSid", sid);
        fields.put("CallStatus", "ringing");
        fields.put("Called", NUMBER);
        fields.put("Caller", CALLER);
        fields.put("Direction", "inbound");
        fields.put("From", CALLER);
        fields.put("To", NUMBER);
        fields.put("FromCity", "SAN FRANCISCO");
        fields.put("FromCountry", "US");
        return fields;
    }

    /** The fields as an {@code application/x-www-form-urlencoded} body, in their order. */
    static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
