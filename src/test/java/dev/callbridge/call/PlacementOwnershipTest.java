package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.CALL_PATH;
import static dev.callbridge.call.CallFixtures.JOIN_URL;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.call.CallFixtures.json;
import static dev.callbridge.call.CallFixtures.twilioCall;
import static dev.callbridge.call.CallFixtures.ultravoxCall;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.admission.CallAdmission;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.RawHttp;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile clients, part one: a client that hangs up while its placement runs. The placement
 * goes on to its end; its answer is kept under the key, so the retry replays it instead of
 * dialling again, and the call can be read and hung up. Vendor delays stay below the test
 * profile's 1 s timeouts.
 */
@QuarkusTest
@Tag("hostile")
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class PlacementOwnershipTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final String PLACE = "/api/v1/agents/" + AGENT_ID + "/calls";
    static final String BODY = "{\"to\": \"" + CallFixtures.TO + "\"}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallAdmission admission;

    @BeforeEach
    void reset() {
        // The first placement of a fresh application starts the vendor clients, which can take
        // longer than the 1 s timeouts on a busy machine: place one before the test proper.
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        for (int attempt = 0; attempt < 3 && api().body(BODY).post(PLACE).statusCode() != 201; attempt++) {
            // cold start timed out: the next attempt finds the clients ready
        }
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
    }

    @Test
    void aClientThatHangsUpDuringTheTwilioCreateGetsItsCallOnRetry() throws Exception {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(json(201, twilioCall(SID, "queued", null))
                .withFixedDelay(450)));
        String key = UUID.randomUUID().toString();

        RawHttp.sendAndHangUp(RawHttp.jsonPost(PLACE, key, BODY), 150);
        place(key).then().statusCode(409).header("Retry-After", "1");
        awaitIdle();

        place(key).then().statusCode(201).header("Idempotent-Replayed", "true").body("callId", equalTo(CALL_ID));
        assertExactlyOneCallAtEachVendorAndNoDeletion();
        assertReachable();
    }

    @Test
    void aClientThatHangsUpWhileUltravoxCreatesGetsItsCallOnRetry() throws Exception {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(json(201, ultravoxCall(CALL_ID, JOIN_URL))
                .withFixedDelay(450)));
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        String key = UUID.randomUUID().toString();

        RawHttp.sendAndHangUp(RawHttp.jsonPost(PLACE, key, BODY), 150);
        awaitIdle();

        place(key).then().statusCode(201).header("Idempotent-Replayed", "true").body("callId", equalTo(CALL_ID));
        assertExactlyOneCallAtEachVendorAndNoDeletion();
        assertReachable();
    }

    @Test
    void withoutAKeyTheAbandonedCallIsStillRecordedAndCanBeHungUp() throws Exception {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(json(201, twilioCall(SID, "queued", null))
                .withFixedDelay(450)));

        RawHttp.sendAndHangUp(RawHttp.jsonPost(PLACE, null, BODY), 150);
        awaitIdle();

        assertExactlyOneCallAtEachVendorAndNoDeletion();
        assertReachable();
    }

    @Test
    void aFailureAfterTheClientLeftIsCompensatedAndReplayed() throws Exception {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(json(500, CallFixtures.twilioError(20500, 500))
                .withFixedDelay(450)));
        String key = UUID.randomUUID().toString();

        try (LogCapture log = LogCapture.install()) {
            RawHttp.sendAndHangUp(RawHttp.jsonPost(PLACE, key, BODY), 150);
            awaitIdle();
            assertThat(log.text()).doesNotContain(JOIN_URL).doesNotContain(CallFixtures.JOIN_SECRET);
        }

        place(key).then().statusCode(502).header("Idempotent-Replayed", "true");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    private void assertExactlyOneCallAtEachVendorAndNoDeletion() {
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    /** The placed call answers GET and can be hung up: it is in the registry. */
    private void assertReachable() {
        wireMock.stubFor(get(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "ringing", null))));
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + CALL_ID)).willReturn(json(200,
                ultravoxCall(CALL_ID, JOIN_URL))));
        wireMock.stubFor(post(urlPathEqualTo(CALL_PATH)).willReturn(json(200, twilioCall(SID, "canceled", null))));
        api().get("/api/v1/calls/{id}", CALL_ID).then().statusCode(200).body("twilioCallSid", equalTo(SID));
        api().delete("/api/v1/calls/{id}", CALL_ID).then().statusCode(204);
    }

    /** Waits until no placement is running, for at most 5 s. */
    private void awaitIdle() throws InterruptedException {
        Thread.sleep(50);
        for (int i = 0; i < 500 && admission.inFlight() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(admission.inFlight()).isZero();
    }

    private static Response place(String key) {
        return api().header("Idempotency-Key", key).body(BODY).post(PLACE);
    }
}
