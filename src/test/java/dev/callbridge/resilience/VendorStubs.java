package dev.callbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.callbridge.testing.WireMockVendors;

/** Paths, bodies and stubs of both vendors for the fault-injection tests. */
final class VendorStubs {

    static final String AGENT_ID = "0f6f2a8e-3c1d-4e5b-9a7c-2b4d6e8f1a3c";
    static final String CALL_ID = "5c7e9a1b-2d4f-4a6c-8e0b-1c3d5e7f9a2b";
    static final String SID = "CA0123456789abcdef0123456789abcdef";
    static final String ULTRAVOX_CREATE = "/api/agents/" + AGENT_ID + "/calls";
    static final String ULTRAVOX_CALL = "/api/calls/" + CALL_ID;
    static final String TWILIO_CREATE = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls.json";
    static final String PLACE = "/api/v1/agents/" + AGENT_ID + "/calls";
    static final String BODY = "{\"to\": \"+14155550123\"}";

    private VendorStubs() {
    }

    static MappingBuilder ultravoxCreate(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(answer);
    }

    static MappingBuilder ultravoxCreates() {
        return ultravoxCreate(json(201, ultravoxCall("wss://voice.example/calls/" + CALL_ID + "?t=secret")));
    }

    static MappingBuilder ultravoxDeletes() {
        return delete(urlPathMatching("/api/calls/.*")).willReturn(aResponse().withStatus(204));
    }

    static MappingBuilder twilioCreate(ResponseDefinitionBuilder answer) {
        return post(urlPathEqualTo(TWILIO_CREATE)).willReturn(answer);
    }

    static MappingBuilder twilioCreates() {
        return twilioCreate(json(201, """
                {"sid": "%s", "account_sid": "%s", "to": "+14155550123", "from": "%s", "status": "queued"}
                """.formatted(SID, WireMockVendors.TWILIO_SID, WireMockVendors.TWILIO_NUMBER)));
    }

    static String ultravoxCall(String joinUrl) {
        String join = joinUrl == null ? "" : "\"joinUrl\": \"" + joinUrl + "\", ";
        return """
                {"callId": "%s", "agentId": "%s", %s"created": "2025-06-01T12:00:00Z", "medium": {"twilio": {}}}
                """.formatted(CALL_ID, AGENT_ID, join);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static String twilioError(int code, int status) {
        return "{\"code\": %d, \"message\": \"failed\", \"more_info\": \"https://www.twilio.com/docs/errors/%d\", \"status\": %d}"
                .formatted(code, code, status);
    }
}
