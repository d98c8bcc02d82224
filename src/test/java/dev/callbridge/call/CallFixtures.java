package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.callbridge.testing.WireMockVendors;

/** WireMock stubs and constants for the outbound-call component tests. */
final class CallFixtures {

    static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final String CALL_ID = "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f";
    static final String SID = "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b";
    static final String JOIN_SECRET = "join-secret-7f3a";
    static final String JOIN_URL = "wss://voice.example/calls/" + CALL_ID + "/twilio?token=" + JOIN_SECRET + "&sig=x";
    static final String TWIML = "<Response><Connect><Stream url=\"wss://voice.example/calls/" + CALL_ID
            + "/twilio?token=" + JOIN_SECRET + "&amp;sig=x\"/></Connect></Response>";
    static final String TO = "+14155550123";
    static final String CALLS_PATH = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls.json";
    static final String CALL_PATH = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls/" + SID + ".json";
    static final String ULTRAVOX_CREATE = "/api/agents/" + AGENT_ID + "/calls";

    private CallFixtures() {
    }

    static MappingBuilder ultravoxCreatesCall() {
        return post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(201, ultravoxCall(CALL_ID, JOIN_URL)));
    }

    /** Ultravox answering every creation with a fresh call id. */
    static MappingBuilder ultravoxCreatesDistinctCalls() {
        return post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(201,
                ultravoxCall("{{randomValue type='UUID'}}", "wss://voice.example/calls/{{randomValue length=12 type='ALPHANUMERIC'}}"))
                .withTransformers("response-template"));
    }

    static String ultravoxCall(String callId, String joinUrl) {
        return """
                {"callId": "%s", "agentId": "%s", "joinUrl": "%s", "created": "2025-06-01T12:00:00.123456Z",
                 "joined": null, "ended": null, "endReason": null, "medium": {"twilio": {}}, "metadata": {}}
                """.formatted(callId, AGENT_ID, joinUrl);
    }

    static MappingBuilder ultravoxDeletesCalls() {
        return delete(urlPathMatching("/api/calls/.*")).willReturn(aResponse().withStatus(204));
    }

    static MappingBuilder twilioCreatesCall() {
        return post(urlPathEqualTo(CALLS_PATH)).willReturn(json(201, twilioCall(SID, "queued", null)));
    }

    /** Twilio answering every creation with a fresh SID. */
    static MappingBuilder twilioCreatesDistinctCalls() {
        return post(urlPathEqualTo(CALLS_PATH)).willReturn(json(201,
                twilioCall("CA{{randomValue length=32 type='HEXADECIMAL'}}", "queued", null))
                .withTransformers("response-template"));
    }

    static String twilioCall(String sid, String status, String duration) {
        return """
                {"sid": "%s", "account_sid": "%s", "to": "%s", "from": "%s", "status": "%s",
                 "date_created": "Sun, 01 Jun 2025 12:00:06 +0000", "date_updated": "Sun, 01 Jun 2025 12:00:06 +0000",
                 "start_time": %s, "end_time": null, "duration": %s, "direction": "outbound-api",
                 "api_version": "2010-04-01", "queue_time": "0"}
                """.formatted(sid, WireMockVendors.TWILIO_SID, TO, WireMockVendors.TWILIO_NUMBER, status,
                duration == null ? "null" : "\"Sun, 01 Jun 2025 12:00:10 +0000\"",
                duration == null ? "null" : "\"" + duration + "\"");
    }

    static String twilioError(int code, int status) {
        return """
                {"code": %d, "message": "The 'To' number %s is not valid.", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                """.formatted(code, TO, code, status);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
