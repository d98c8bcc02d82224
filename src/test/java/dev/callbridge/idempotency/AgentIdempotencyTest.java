package dev.callbridge.idempotency;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class AgentIdempotencyTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final String AGENT = """
            {"agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "name": "bot", "created": "2025-06-01T12:00:00Z",
             "callTemplate": {"systemPrompt": "x"}, "statistics": {"calls": 0}}""";
    static final String BODY = "{\"name\": \"bot\", \"callTemplate\": {\"systemPrompt\": \"x\", \"temperature\": 0.2}}";
    static final String SAME_BODY_REORDERED =
            "{\"callTemplate\": {\"temperature\": 0.2, \"systemPrompt\": \"x\"}, \"name\": \"bot\"}";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(AGENT)));
    }

    @Test
    void repeatIsReplayedWithoutCallingUltravoxAgain() {
        String key = UUID.randomUUID().toString();
        Response first = api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents");
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());

        Response again = api().header("Idempotency-Key", key).body(SAME_BODY_REORDERED).post("/api/v1/agents");
        again.then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", first.header("Location"));
        assertThat(again.asString()).isEqualTo(first.asString());
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void sameKeyWithOtherBodyIs422() {
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents").then().statusCode(201);
        api().header("Idempotency-Key", key).body(BODY.replace("bot", "other")).post("/api/v1/agents")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.containsString("idempotency-mismatch"));
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void keysAreScopedToTheApiKey() {
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents").then().statusCode(201);
        given().header("X-API-Key", "test-key-2").contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(BODY).post("/api/v1/agents")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        wireMock.verify(2, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void invalidKeysAreRejected() {
        api().header("Idempotency-Key", "x".repeat(256)).body(BODY).post("/api/v1/agents")
                .then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
        api().header("Idempotency-Key", "tab\there").body(BODY).post("/api/v1/agents").then().statusCode(400);
        wireMock.verify(0, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void validationFailuresAreForgottenSoTheCorrectedRequestMayUseTheKey() {
        String key = UUID.randomUUID().toString();
        String bad = "{\"name\": \"bad name\", \"callTemplate\": {\"systemPrompt\": \"x\"}}";
        api().header("Idempotency-Key", key).body(bad).post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json");
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void upstreamFailuresAreRememberedBecauseTheAgentMayExist() {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(500)));
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents").then().statusCode(502);
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(AGENT)));
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents")
                .then().statusCode(502).header("Idempotent-Replayed", "true");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents")));
    }

    @Test
    void rateLimitedAttemptsAreNotRemembered() {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents").then().statusCode(429);
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(AGENT)));
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents")
                .then().statusCode(201).header("Idempotent-Replayed", nullValue());
    }

    @Test
    void concurrentRepeatsCreateExactlyOneAgent() throws Exception {
        wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201).withFixedDelay(500)
                .withHeader("Content-Type", "application/json").withBody(AGENT)));
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(CompletableFuture.supplyAsync(() -> api().header("Idempotency-Key", key).body(BODY)
                        .post("/api/v1/agents").statusCode(), pool));
            }
            List<Integer> statuses = results.stream().map(CompletableFuture::join).toList();
            assertThat(statuses).containsOnly(201, 409).contains(201);
        } finally {
            pool.shutdownNow();
        }
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/agents")));
        api().header("Idempotency-Key", key).body(BODY).post("/api/v1/agents")
                .then().statusCode(201).header("Idempotent-Replayed", "true");
    }
}
