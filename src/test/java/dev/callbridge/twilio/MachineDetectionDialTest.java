package dev.callbridge.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.callbridge.resilience.ResilienceFixtures;
import dev.callbridge.testing.TestConfigs;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway sends Twilio for answering-machine detection: the four asynchronous detection
 * parameters on a call that asks for it and none otherwise, and the TwiML that replaces a call's
 * (a redirect), which leaves a call that ended meanwhile alone.
 */
class MachineDetectionDialTest {

    static final String ACCOUNT = "AC00000000000000000000000000000000";
    static final String CALLS = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";
    static final String CALL_SID = "CA11111111111111111111111111111111";
    static final String CALL = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + CALL_SID + ".json";
    static final URI CALLBACK = URI.create("https://callbridge.example.com/webhooks/twilio/machine-detection/p-1");
    static final String[] DETECTION = {"MachineDetection", "AsyncAmd", "AsyncAmdStatusCallback",
        "AsyncAmdStatusCallbackMethod"};

    WireMockServer server;
    ExecutorService executor;
    TwilioGateway gateway;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo(CALLS)).willReturn(call(201, "queued")));
        executor = Executors.newSingleThreadExecutor();
        gateway = new TwilioGateway(TestConfigs.twilio(Optional.of(ACCOUNT), Optional.of("token"),
                Optional.of("+14155550100"), "http://127.0.0.1:" + server.port(), 2, Duration.ofSeconds(2)),
                TestConfigs.service(Optional.empty(), Optional.of("https://callbridge.example.com")), executor, null,
                ResilienceFixtures.resilience(), ResilienceFixtures.defaults());
    }

    @AfterEach
    void stop() {
        gateway.close();
        server.stop();
        executor.shutdownNow();
    }

    @Test
    void aCallThatHangsUpOnMachinesAsksForAsynchronousDetectionAsSoonAsOneIsRecognised() {
        gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true, "<Response/>", Optional.empty(),
                null, CALLBACK, false)).await().atMost(Duration.ofSeconds(5));

        server.verify(postRequestedFor(urlPathEqualTo(CALLS))
                .withFormParam("MachineDetection", equalTo("Enable"))
                .withFormParam("AsyncAmd", equalTo("true"))
                .withFormParam("AsyncAmdStatusCallback", equalTo(CALLBACK.toString())));
    }

    @Test
    void aCallThatLeavesAMessageAsksForAsynchronousDetectionToTheEndOfTheGreeting() {
        gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true, "<Response/>", Optional.empty(),
                null, CALLBACK, true)).await().atMost(Duration.ofSeconds(5));

        Map<String, ?> form = server.findAll(postRequestedFor(urlPathEqualTo(CALLS))).get(0).getFormParameters();
        assertThat(form).containsKeys(DETECTION);
        server.verify(postRequestedFor(urlPathEqualTo(CALLS))
                .withFormParam("MachineDetection", equalTo("DetectMessageEnd"))
                .withFormParam("AsyncAmd", equalTo("true"))
                .withFormParam("AsyncAmdStatusCallback", equalTo(CALLBACK.toString()))
                .withFormParam("AsyncAmdStatusCallbackMethod", equalTo("POST")));
    }

    @Test
    void aCallWithoutDetectionAsksForNone() {
        gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true, "<Response/>", Optional.empty()))
                .await().atMost(Duration.ofSeconds(5));

        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(CALLS))).get(0).getFormParameters())
                .doesNotContainKeys(DETECTION);
    }

    @Test
    void aRedirectSendsTheTwimlAsIs() {
        server.stubFor(post(urlPathEqualTo(CALL)).willReturn(call(200, "in-progress")));
        String twiml = "<Response><Say>Call us &amp; smile</Say><Hangup/></Response>";

        TwilioCall call = gateway.redirect(CALL_SID, twiml).await().atMost(Duration.ofSeconds(5));

        assertThat(call.status()).isEqualTo("in-progress");
        server.verify(1, postRequestedFor(urlPathEqualTo(CALL)).withFormParam("Twiml", equalTo(twiml)));
        assertThat(server.findAll(postRequestedFor(urlPathEqualTo(CALL))).get(0).getFormParameters())
                .doesNotContainKey("Status");
    }

    @Test
    void aRedirectOfACallThatEndedMeanwhileLeavesItAlone() {
        server.stubFor(post(urlPathEqualTo(CALL)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"code": 21220, "message": "Call is not in-progress. Cannot redirect.",
                         "more_info": "https://www.twilio.com/docs/errors/21220", "status": 400}""")));
        server.stubFor(get(urlPathEqualTo(CALL)).willReturn(call(200, "completed")));

        TwilioCall call = gateway.redirect(CALL_SID, "<Response><Hangup/></Response>").await()
                .atMost(Duration.ofSeconds(5));

        assertThat(call.status()).isEqualTo("completed");
        server.verify(1, postRequestedFor(urlPathEqualTo(CALL)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder call(int status, String state) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + CALL_SID + "\", \"status\": \"" + state + "\"}");
    }
}
