package dev.callbridge.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * WireMock standing in for both vendors in front of a packaged jar started by
 * {@link PackagedProcess}: the settings that point the jar at it, and the stubs every such test
 * needs (the background health checks, call creations answering fresh ids).
 */
final class StubbedVendors {

    static final String TWILIO_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final String ULTRAVOX_CALL_CREATE = "/api/agents/" + AGENT_ID + "/calls";
    static final String TWILIO_CALLS = "/2010-04-01/Accounts/" + TWILIO_SID + "/Calls";
    static final String TWILIO_CREATE = TWILIO_CALLS + ".json";

    private StubbedVendors() {
    }

    /** The settings of a jar whose vendors are {@code vendors}, accepting {@code apiKey}; a copy to add to. */
    static Map<String, String> env(WireMockServer vendors, String apiKey) {
        String base = "http://127.0.0.1:" + vendors.port();
        Map<String, String> env = new HashMap<>();
        env.put("CALLBRIDGE_API_KEYS", apiKey);
        env.put("ULTRAVOX_API_KEY", "uvTestKey.0123456789abcdefghijABCDEFGHIJ0123");
        env.put("ULTRAVOX_BASE_URL", base);
        env.put("TWILIO_ACCOUNT_SID", TWILIO_SID);
        env.put("TWILIO_AUTH_TOKEN", "twilio-test-auth-token-5f9c2d");
        env.put("TWILIO_PHONE_NUMBER", "+14155550100");
        env.put("TWILIO_BASE_URL", base);
        return env;
    }

    /** What the background vendor checks ask: Ultravox's agent list and Twilio's account. */
    static void answerHealthChecks(WireMockServer vendors) {
        vendors.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"results\": [], \"next\": null, \"previous\": null, \"total\": 0}")));
        vendors.stubFor(get(urlPathMatching("/2010-04-01/Accounts/[^/]+\\.json")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + TWILIO_SID + "\", \"status\": \"active\"}")));
    }

    /** Call creations at both vendors, each with fresh ids; Ultravox answers after {@code delay}. */
    static void createDistinctCalls(WireMockServer vendors, Duration delay) {
        vendors.stubFor(post(urlPathEqualTo(ULTRAVOX_CALL_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay((int) delay.toMillis())
                .withBody("""
                        {"callId": "{{randomValue type='UUID'}}", "agentId": "%s",
                         "joinUrl": "wss://voice.example/join/{{randomValue length=12 type='ALPHANUMERIC'}}",
                         "created": "2026-01-01T00:00:00Z"}""".formatted(AGENT_ID))
                .withTransformers("response-template")));
        vendors.stubFor(post(urlPathEqualTo(TWILIO_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"CA{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")
                .withTransformers("response-template")));
    }
}
