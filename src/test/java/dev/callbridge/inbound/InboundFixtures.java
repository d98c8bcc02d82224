package dev.callbridge.inbound;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.callbridge.sandbox.TwilioSignatures;
import dev.callbridge.testing.WireMockVendors;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Twilio's voice webhook as a test sends it, and the routes and stubs it needs. */
public final class InboundFixtures {

    public static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    public static final String CALLER = "+14155550123";
    public static final String ULTRAVOX_CREATE = "/api/agents/" + AGENT_ID + "/calls";
    static final String AGENT_JSON = """
            {"agentId": "%s", "publishedRevisionId": null, "name": "reception",
             "created": "2025-06-01T12:00:00.123456Z",
             "callTemplate": {"systemPrompt": "Greet {{caller.number}}", "created": "2025-06-01T12:00:00Z",
                              "updated": "2025-06-01T12:00:00Z"}}
            """.formatted(AGENT_ID);

    private InboundFixtures() {
    }

    /** A fresh Twilio call SID. */
    public static String newSid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A fresh routable US number in the 555 range, so tests do not share routes. */
    public static String newNumber() {
        return "+1415555" + String.format("%04d", (int) (Math.random() * 10_000));
    }

    /** The fields Twilio posts when {@code from} calls {@code to}. */
    public static Map<String, String> voiceWebhook(String sid, String from, String to) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", WireMockVendors.TWILIO_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("CallSid", sid);
        fields.put("CallStatus", "ringing");
        fields.put("Called", to);
        fields.put("Caller", from);
        fields.put("Direction", "inbound");
        fields.put("From", from);
        fields.put("To", to);
        return fields;
    }

    /** Posts the voice webhook signed as Twilio signs it, for the public URL. */
    public static Response postSigned(String publicBaseUrl, Map<String, String> fields) {
        String url = publicBaseUrl + TwilioWebhookUrl.VOICE_PATH;
        return post(fields, TwilioSignatures.sign(WireMockVendors.TWILIO_TOKEN, url, fields));
    }

    /** Posts the voice webhook with this signature header (none when null). */
    public static Response post(Map<String, String> fields, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=utf-8").body(form(fields));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return request.post(TwilioWebhookUrl.VOICE_PATH);
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** Routes {@code number} to the test agent (which WireMock then knows) with this JSON body. */
    public static void route(WireMockServer wireMock, String number, String body) {
        wireMock.stubFor(WireMock.get("/api/agents/" + AGENT_ID).willReturn(WireMock.aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(AGENT_JSON)));
        int status = api().body(body).put("/api/v1/numbers/{number}", number).statusCode();
        if (status != 200 && status != 201) {
            throw new AssertionError("routing " + number + " answered " + status);
        }
    }

    /** Routes {@code number} to the test agent with nothing else. */
    public static void route(WireMockServer wireMock, String number) {
        route(wireMock, number, "{\"agentId\": \"" + AGENT_ID + "\"}");
    }

    /** An Ultravox call as its API answers one. */
    public static String ultravoxCall(String callId, String joinUrl) {
        return """
                {"callId": "%s", "agentId": "%s", "joinUrl": "%s", "created": "2025-06-01T12:00:00.123456Z",
                 "joined": null, "ended": null, "endReason": null, "medium": {"twilio": {}}, "metadata": {}}
                """.formatted(callId, AGENT_ID, joinUrl.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
