package dev.callbridge.admission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Load shedding and draining in the running service. The in-flight limit is lowered through
 * the bean for the shedding test, and draining is started through the bean as the
 * pre-shutdown event would, so the shared application keeps running for the other tests.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class AdmissionTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final String AGENT_ID = "7d2c4e6a-8b0f-4a1c-9e3d-5f7b9a1c3e5d";
    static final String ULTRAVOX_CREATE = "/api/agents/" + AGENT_ID + "/calls";
    static final String TWILIO_CREATE = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls.json";
    static final String PLACE = "/api/v1/agents/" + AGENT_ID + "/calls";
    static final String BODY = "{\"to\": \"+14155550123\"}";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallAdmission admission;

    private int configuredLimit;
    private ExecutorService clients;

    @BeforeEach
    void setUp() {
        wireMock.resetAll();
        configuredLimit = admission.limit();
        clients = Executors.newFixedThreadPool(50);
        // The first call of a fresh application starts the vendor clients, which can take longer
        // than the test profile's 1 s timeouts on a busy machine: place one before measuring.
        ultravoxAnswersAfter(0);
        twilioAnswersAfter(0);
        for (int attempt = 0; attempt < 3 && place().response.statusCode() != 201; attempt++) {
            // cold start timed out: the next attempt finds the clients ready
        }
        wireMock.resetAll();
        twilioAnswersAfter(0);
    }

    @AfterEach
    void restore() {
        admission.limit(configuredLimit);
        admission.resume();
        clients.shutdownNow();
    }

    /**
     * Admitted calls take about 0.6 s (0.3 s at each vendor, well below the test profile's 1 s
     * timeouts even on a busy machine). The burst is sent with the JDK's asynchronous client, which costs little CPU,
     * so the times measure the service even on a busy machine.
     */
    @Test
    void tenTimesTheLimitGetsFast503sAndTheAdmittedCallsSucceed() throws Exception {
        int limit = 5;
        admission.limit(limit);
        ultravoxAnswersAfter(300);
        twilioAnswersAfter(300);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + PLACE))
                .header("X-API-Key", Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
        http.send(HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/health/live"))
                .build(), HttpResponse.BodyHandlers.discarding());

        List<CompletableFuture<Sent>> burst = new ArrayList<>();
        for (int i = 0; i < 10 * limit; i++) {
            long started = System.nanoTime();
            burst.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new Sent(r, (System.nanoTime() - started) / 1_000_000)));
        }
        List<Sent> answers = new ArrayList<>();
        for (CompletableFuture<Sent> answer : burst) {
            answers.add(answer.get(20, TimeUnit.SECONDS));
        }

        List<Sent> placed = answers.stream().filter(a -> a.response.statusCode() == 201).toList();
        List<Sent> shed = answers.stream().filter(a -> a.response.statusCode() == 503).toList();
        assertThat(placed.size() + shed.size()).as("no other answer").isEqualTo(answers.size());
        assertThat(placed).hasSizeBetween(limit, 2 * limit);
        for (Sent refused : shed) {
            assertThat(refused.response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(refused.response.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.response.body()).contains("/overloaded");
        }
        long slowestRefusal = shed.stream().mapToLong(Sent::millis).max().orElseThrow();
        long fastestCall = placed.stream().mapToLong(Sent::millis).min().orElseThrow();
        assertThat(slowestRefusal).as("refused at once, not queued behind the running calls").isLessThan(fastestCall);
        wireMock.verify(placed.size(), postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(placed.size(), postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
        assertThat(given().get("/q/metrics").asString()).contains("callbridge_admission_shed_total{outcome=\"overloaded\"}");
    }

    @Test
    void drainingLetsTheRunningCallFinishAndRefusesNewOnes() throws Exception {
        ultravoxAnswersAfter(500);
        CompletableFuture<Timed> running = CompletableFuture.supplyAsync(AdmissionTest::place, clients);
        awaitInFlight(1);

        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> admission.drain(Duration.ofSeconds(10)),
                clients);
        while (!admission.draining()) {
            Thread.sleep(5);
        }

        Timed refused = place();
        refused.response.then().statusCode(503).contentType("application/problem+json").header("Retry-After", "1")
                .body("type", endsWith("shutting-down"));
        assertThat(refused.millis).isLessThan(1_000);
        Response ready = given().get("/q/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.jsonPath().getString("checks.find { it.name == 'call-admission' }.status")).isEqualTo("DOWN");

        running.get(10, TimeUnit.SECONDS).response.then().statusCode(201);
        assertThat(drained.get(5, TimeUnit.SECONDS)).as("finished within the grace period").isTrue();
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    private void twilioAnswersAfter(int millis) {
        wireMock.stubFor(post(urlPathEqualTo(TWILIO_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(millis)
                .withBody("{\"sid\": \"CA0123456789abcdef0123456789abcdef\", \"status\": \"queued\"}")));
    }

    private void ultravoxAnswersAfter(int millis) {
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(millis)
                .withBody("""
                        {"callId": "3e5a7c9b-1d2f-4b6a-8c0e-2f4a6c8e0b1d", "agentId": "%s",
                         "joinUrl": "wss://voice.example/join", "created": "2025-06-01T12:00:00Z"}
                        """.formatted(AGENT_ID))));
    }

    private void awaitInFlight(int n) throws InterruptedException {
        for (int i = 0; i < 400 && admission.inFlight() < n; i++) {
            Thread.sleep(5);
        }
        assertThat(admission.inFlight()).isEqualTo(n);
    }

    private static Timed place() {
        long started = System.nanoTime();
        Response response = api().body(BODY).post(PLACE);
        return new Timed(response, (System.nanoTime() - started) / 1_000_000);
    }

    private record Timed(Response response, long millis) {
    }

    private record Sent(HttpResponse<String> response, long millis) {
    }
}
