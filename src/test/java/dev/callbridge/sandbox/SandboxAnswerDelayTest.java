package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code callbridge.sandbox.delay.*}: the simulated vendor creates the call at once and holds
 * only its {@code 201}, so the call can be listed (as a crash-recovery reconciler would find it)
 * while the creator is still waiting; a refusal is not held.
 */
@QuarkusTest
@TestProfile(SandboxDelayProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SandboxAnswerDelayTest {

    @Test
    void ultravoxCreatesTheCallThenHoldsItsAnswer() throws Exception {
        String agent = UltravoxSandboxTest.createAgent("held", "x");
        String placementId = UUID.randomUUID().toString();
        String body = "{\"joinTimeout\": \"600s\", \"metadata\": {\"callbridge.placementId\": \"" + placementId + "\"}}";
        Instant sent = Instant.now();
        CompletableFuture<Response> create = pending(() -> ultravox().body(body)
                .post(ULTRAVOX + "/agents/" + agent + "/calls"));
        try {
            String listed = await().atMost(Duration.ofSeconds(2)).until(() -> ultravox()
                    .queryParam("metadata.callbridge.placementId", placementId).get(ULTRAVOX + "/calls")
                    .<String>path("results[0].callId"), id -> id != null);
            ultravox().body("{\"vadSettings\": {}}").post(ULTRAVOX + "/agents/" + agent + "/calls")
                    .then().statusCode(400);
            assertThat(create).as("the 201 is still held after a refusal was answered").isNotDone();

            Response answer = create.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat(answer.<String>path("callId")).isEqualTo(listed);
            assertThat(answer.<String>path("metadata.'callbridge.placementId'")).isEqualTo(placementId);
            assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(SandboxDelayProfile.DELAY);
        } finally {
            create.thenAccept(r -> ultravox().delete(ULTRAVOX + "/calls/" + r.path("callId")));
        }
    }

    @Test
    void twilioCreatesTheCallThenHoldsItsAnswer() throws Exception {
        String to = TwilioCallListTest.freshNumber();
        Instant sent = Instant.now();
        CompletableFuture<Response> create = pending(() -> TwilioSandboxTest.create(to, TwilioSandboxTest.TWIML)
                .post(TWILIO_CALLS));
        String listed = await().atMost(Duration.ofSeconds(2)).until(() -> twilio().queryParam("To", to)
                .get(TWILIO_CALLS).<List<String>>path("calls.sid"), sids -> !sids.isEmpty()).get(0);
        TwilioSandboxTest.create(MagicNumbers.BLOCKED, TwilioSandboxTest.TWIML).post(TWILIO_CALLS)
                .then().statusCode(400);
        assertThat(create).as("the 201 is still held after a refusal was answered").isNotDone();

        Response answer = create.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(answer.<String>path("sid")).isEqualTo(listed);
        assertThat(Duration.between(sent, Instant.now())).isGreaterThanOrEqualTo(SandboxDelayProfile.DELAY);
    }

    private static CompletableFuture<Response> pending(Supplier<Response> request) {
        return CompletableFuture.supplyAsync(request);
    }
}
