package dev.callbridge.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients against the packaged jar in a process of its own, with the shipped heap
 * flags and WireMock on loopback for both vendors: memory that stays bounded whatever the
 * idempotency keys carry, and placements that finish after {@code SIGTERM} on an instance
 * that had not used Twilio yet.
 */
@Tag("hostile")
class HostileProcessIT {

    static final String KEY = "hostile-test-key";
    static final String AGENT_ID = StubbedVendors.AGENT_ID;
    static final String TWILIO_CREATE = StubbedVendors.TWILIO_CREATE;
    static final String ULTRAVOX_CALL_CREATE = StubbedVendors.ULTRAVOX_CALL_CREATE;
    /** The documented bound on the resident set under the shipped flags (README, Reliability). */
    static final long RSS_BOUND_MIB = 400;

    private WireMockServer vendors;

    @BeforeEach
    void startVendors() {
        vendors = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(40));
        vendors.start();
    }

    @AfterEach
    void stopVendors() {
        vendors.stop();
    }

    @Test
    void twoThousandKeysWith100KbBodiesStayWithinTheMemoryBound() throws Exception {
        String blob = "m".repeat(100 * 1024);
        vendors.stubFor(post(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"agentId": "%s", "name": "bot", "created": "2026-01-01T00:00:00Z",
                         "callTemplate": {"systemPrompt": "x", "notes": "%s"}, "statistics": {"calls": 0}}"""
                        .formatted(AGENT_ID, blob))));
        String body = "{\"name\": \"bot\", \"callTemplate\": {\"systemPrompt\": \"x\", \"notes\": \"" + blob + "\"}}";

        try (PackagedProcess callbridge = PackagedProcess.start(env(), "hostile-memory.log")) {
            HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4)).build();
            long maxRss = 0;
            for (int batch = 0; batch < 2000 / 50; batch++) {
                List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    sent.add(http.sendAsync(create(callbridge, "key-" + (batch * 50 + i), body),
                            HttpResponse.BodyHandlers.discarding()));
                }
                for (CompletableFuture<HttpResponse<Void>> answer : sent) {
                    assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
                }
                maxRss = Math.max(maxRss, callbridge.rssMiB());
            }
            assertThat(callbridge.status("/q/health/live")).isEqualTo(200);
            long peak = callbridge.peakRssMiB();
            System.out.printf("[hostile] 2000 keys x 100 KiB: peak RSS %d MiB, RSS after %d MiB%n", peak,
                    callbridge.rssMiB());
            assertThat(peak).as("peak resident set, MiB").isLessThan(RSS_BOUND_MIB);
            String metrics = http.send(HttpRequest.newBuilder(callbridge.uri("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double bytes = gauge(metrics, "callbridge_idempotency_bytes");
            assertThat(bytes).isPositive().isLessThanOrEqualTo(16 * 1024 * 1024);

            HttpResponse<String> replay = http.send(create(callbridge, "key-1999", body),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(replay.statusCode()).isEqualTo(201);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(replay.body()).contains(AGENT_ID).hasSizeGreaterThan(100 * 1024);
        }
    }

    @Test
    void placementsInFlightFinishAfterSigtermOnAnInstanceThatNeverUsedTwilio() throws Exception {
        StubbedVendors.createDistinctCalls(vendors, Duration.ofSeconds(3));
        try (PackagedProcess callbridge = PackagedProcess.start(env(), "hostile-sigterm.log")) {
            HttpClient http = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> placing = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                placing.add(http.sendAsync(HttpRequest.newBuilder(callbridge.uri("/api/v1/agents/" + AGENT_ID + "/calls"))
                        .header("X-API-Key", KEY).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(40))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+14155550123\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            awaitRequests(ULTRAVOX_CALL_CREATE, 5);
            callbridge.terminate();

            for (CompletableFuture<HttpResponse<String>> answer : placing) {
                HttpResponse<String> placed = answer.get(40, TimeUnit.SECONDS);
                assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            }
            assertThat(callbridge.waitFor(Duration.ofSeconds(40))).as("exited after the drain").isTrue();
            vendors.verify(5, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
            assertThat(callbridge.log()).doesNotContain("ExceptionInInitializerError")
                    .contains("All calls in flight finished");
        }
    }

    private Map<String, String> env() {
        StubbedVendors.answerHealthChecks(vendors);
        return StubbedVendors.env(vendors, KEY);
    }

    private static HttpRequest create(PackagedProcess callbridge, String key, String body) {
        return HttpRequest.newBuilder(callbridge.uri("/api/v1/agents")).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", KEY).header("Content-Type", "application/json").header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private void awaitRequests(String path, int count) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (vendors.countRequestsMatching(postRequestedFor(urlPathEqualTo(path)).build()).getCount() >= count) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("Callbridge did not reach " + path + " " + count + " times");
    }

    private static double gauge(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
