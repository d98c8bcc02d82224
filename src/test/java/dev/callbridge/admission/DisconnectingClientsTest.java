package dev.callbridge.admission;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.RawHttp;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients, part two: 60 clients that hang up at once against an in-flight cap of 20.
 * A hung-up client must not free its slot while its vendor work runs, or the cap stops
 * bounding what reaches the vendors (30 Twilio calls at once were measured before).
 */
@QuarkusTest
@Tag("hostile")
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class DisconnectingClientsTest {

    static final String AGENT_ID = AdmissionTest.AGENT_ID;
    static final int LIMIT = 20;
    static final int VENDOR_DELAY_MS = 400;

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallAdmission admission;

    private int configuredLimit;

    @BeforeEach
    void setUp() {
        configuredLimit = admission.limit();
        wireMock.resetAll();
        stubVendors(0);
        // Warm the vendor clients up, so the first placements do not meet a cold start.
        for (int attempt = 0; attempt < 3 && api().body(AdmissionTest.BODY).post(AdmissionTest.PLACE).statusCode() != 201;
                attempt++) {
            // the next attempt finds the clients ready
        }
        wireMock.resetAll();
    }

    @AfterEach
    void restore() {
        admission.limit(configuredLimit);
    }

    @Test
    void clientsThatHangUpKeepTheirSlotsUntilTheVendorWorkEnds() throws Exception {
        admission.limit(LIMIT);
        stubVendors(VENDOR_DELAY_MS);
        AtomicInteger highest = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(61);
        try {
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                while (sampling.get()) {
                    highest.accumulateAndGet(admission.inFlight(), Math::max);
                    Thread.onSpinWait();
                }
            }, pool);
            long started = System.nanoTime();
            List<CompletableFuture<Void>> clients = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                clients.add(CompletableFuture.runAsync(() -> hangUpAfter(150), pool));
            }
            CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            // Every client is gone; the admitted placements are still at Ultravox or Twilio (each
            // takes 2 x 400 ms), and each still holds its slot.
            int inFlight = admission.inFlight();
            int admitted = ultravoxCreates().size();
            for (int i = 0; i < 30 && admitted != inFlight; i++) {
                // A placement admitted a moment ago may not have reached WireMock yet.
                Thread.sleep(10);
                inFlight = admission.inFlight();
                admitted = ultravoxCreates().size();
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(admitted).isBetween(1, LIMIT);
            if (elapsedMs < 2 * VENDOR_DELAY_MS - 100) {
                assertThat(inFlight).as("slots held by placements whose clients left, %d ms in", elapsedMs)
                        .isEqualTo(admitted);
            } else {
                assertThat(inFlight).as("slots held by placements whose clients left, %d ms in", elapsedMs)
                        .isPositive();
            }

            awaitIdle();
            sampling.set(false);
            sampler.get(5, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(highest.get()).isLessThanOrEqualTo(LIMIT);
        List<LoggedRequest> twilio = wireMock.findAll(postRequestedFor(urlPathEqualTo(AdmissionTest.TWILIO_CREATE)));
        assertThat(mostAtOnce(twilio)).as("Twilio creations overlapping in time").isLessThanOrEqualTo(LIMIT);
        // No orphan: every Ultravox call either got its phone leg or was deleted (on a busy
        // machine some creations can meet the test profile's 1 s timeout and be compensated).
        int deleted = wireMock.findAll(deleteRequestedFor(urlPathMatching("/api/calls/.*"))).size();
        assertThat(twilio.size() + deleted).isEqualTo(ultravoxCreates().size());
    }

    private List<LoggedRequest> ultravoxCreates() {
        return wireMock.findAll(postRequestedFor(urlPathEqualTo(AdmissionTest.ULTRAVOX_CREATE)));
    }

    /** The most requests whose [arrival, arrival + delay) windows overlap. */
    private static int mostAtOnce(List<LoggedRequest> requests) {
        int most = 0;
        for (LoggedRequest r : requests) {
            long t = r.getLoggedDate().getTime();
            int overlapping = (int) requests.stream().map(o -> o.getLoggedDate().getTime())
                    .filter(o -> o <= t && t < o + VENDOR_DELAY_MS).count();
            most = Math.max(most, overlapping);
        }
        return most;
    }

    private void hangUpAfter(long millis) {
        try {
            RawHttp.sendAndHangUp(RawHttp.jsonPost(AdmissionTest.PLACE, null, AdmissionTest.BODY), millis);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitIdle() throws InterruptedException {
        for (int i = 0; i < 1000 && admission.inFlight() > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(admission.inFlight()).isZero();
    }

    private void stubVendors(int delayMs) {
        wireMock.stubFor(post(urlPathEqualTo(AdmissionTest.ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(delayMs)
                .withTransformers("response-template")
                .withBody("""
                        {"callId": "{{randomValue type='UUID'}}", "agentId": "%s",
                         "joinUrl": "wss://voice.example/join", "created": "2025-06-01T12:00:00Z"}
                        """.formatted(AGENT_ID))));
        wireMock.stubFor(post(urlPathEqualTo(AdmissionTest.TWILIO_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withFixedDelay(delayMs)
                .withTransformers("response-template")
                .withBody("{\"sid\": \"CA{{randomValue length=32 type='HEXADECIMAL'}}\", \"status\": \"queued\"}")));
    }
}
