package dev.callbridge.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.resilience.ResilienceFixtures;
import dev.callbridge.testing.TestConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway outside Quarkus, for settings the shared test profile does not use: a base URL
 * with a path prefix (as a simulator mounted under a path has) and a public base URL that
 * turns on status callbacks.
 */
class TwilioGatewayTest {

    static final String SID = "AC00000000000000000000000000000000";
    static final String PATH = "/twilio-sim/2010-04-01/Accounts/" + SID + "/Calls.json";

    WireMockServer server;
    ExecutorService executor;

    @BeforeEach
    void start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"CA11111111111111111111111111111111\", \"status\": \"queued\"}")));
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        server.stop();
        executor.shutdownNow();
    }

    @Test
    void keepsThePathOfTheBaseUrlAndAsksForStatusCallbacksWhenAPublicUrlIsSet() {
        TwilioGateway gateway = gateway(Optional.of("https://callbridge.example.com/"));
        try {
            TwilioCall call = gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true,
                    "<Response/>", Optional.empty())).await().atMost(Duration.ofSeconds(5));

            assertThat(call.sid()).isEqualTo("CA11111111111111111111111111111111");
            assertThat(call.status()).isEqualTo("queued");
            server.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                    .withFormParam("StatusCallback", equalTo("https://callbridge.example.com/webhooks/twilio/call-status"))
                    .withFormParam("StatusCallbackMethod", equalTo("POST")));
            assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0)
                    .getFormParameters().get("StatusCallbackEvent").values())
                    .containsExactly("initiated", "ringing", "answered", "completed");
        } finally {
            gateway.close();
        }
    }

    @Test
    void asksForNoCallbackWithoutAPublicUrl() {
        TwilioGateway gateway = gateway(Optional.empty());
        try {
            gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true, "<Response/>",
                    Optional.of(20))).await().atMost(Duration.ofSeconds(5));

            assertThat(server.findAll(postRequestedFor(urlPathEqualTo(PATH))).get(0).getFormParameters().keySet())
                    .containsExactlyInAnyOrder("To", "From", "Twiml", "Timeout");
        } finally {
            gateway.close();
        }
    }

    private TwilioGateway gateway(Optional<String> publicBaseUrl) {
        String base = "http://127.0.0.1:" + server.port() + "/twilio-sim/";
        return new TwilioGateway(twilio(base), service(publicBaseUrl), executor, null, ResilienceFixtures.resilience(),
                ResilienceFixtures.defaults());
    }

    private static ServiceConfig service(Optional<String> publicBaseUrl) {
        return TestConfigs.service(Optional.empty(), publicBaseUrl);
    }

    private static TwilioConfig twilio(String baseUrl) {
        return TestConfigs.twilio(Optional.of(SID), Optional.of("token"), Optional.of("+14155550100"), baseUrl, 2,
                Duration.ofSeconds(2));
    }
}
