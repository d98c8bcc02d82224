package dev.callbridge.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.callbridge.store.LocalPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two packaged-jar instances on one PostgreSQL ({@code CALLBRIDGE_STORE=postgres}), as two
 * replicas behind a Service: a call placed through one is followed and hung up through the
 * other, an idempotent retry that reaches the other replays the first answer, concurrent
 * requests with one key spread over both dial once, and both keep their calls across a
 * restart. The vendors are one WireMock on loopback outside both instances, so its journal
 * counts what the pair sent together.
 */
@Tag("replicas")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasIT {

    static final String KEY = "replicas-test-key";
    static final String AGENT_ID = StubbedVendors.AGENT_ID;
    static final String PLACE = "/api/v1/agents/" + AGENT_ID + "/calls";
    static final String ULTRAVOX_CALL_CREATE = StubbedVendors.ULTRAVOX_CALL_CREATE;
    static final String TWILIO_CALLS = StubbedVendors.TWILIO_CALLS;
    static final String TWILIO_CREATE = StubbedVendors.TWILIO_CREATE;
    static final String PLACEMENT = "{\"to\": \"+14155550123\", \"templateContext\": {\"patient\": \"Ada\"}}";
    static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPostgres postgres;
    private static WireMockServer vendors;
    private static String databaseUrl;
    private static PackagedProcess a;
    private static PackagedProcess b;
    private static int starts;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startDatabaseVendorsAndReplicas() throws Exception {
        postgres = LocalPostgres.start();
        databaseUrl = postgres.url(postgres.createDatabase("replicas_it"));
        vendors = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .containerThreads(60));
        vendors.start();
        stubVendors(Duration.ZERO);
        startBoth();
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        try {
            closeBoth();
        } finally {
            if (vendors != null) {
                vendors.stop();
            }
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @BeforeEach
    void resetVendors() {
        vendors.resetAll();
        stubVendors(Duration.ZERO);
    }

    @Test
    @Order(1)
    void aCallPlacedOnOneReplicaIsFollowedAndHungUpOnTheOther() throws Exception {
        JsonNode placed = placed(send(place(a, null)));
        String callId = placed.path("callId").asText();
        String twilioSid = placed.path("twilioCallSid").asText();
        stubLegs(callId, twilioSid, "in-progress");

        HttpResponse<String> followed = send(request(b, "/api/v1/calls/" + callId).GET());
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
        JsonNode details = JSON.readTree(followed.body());
        assertThat(details.path("callId").asText()).isEqualTo(callId);
        assertThat(details.path("twilioCallSid").asText()).isEqualTo(twilioSid);
        assertThat(details.path("agentId").asText()).isEqualTo(AGENT_ID);
        assertThat(details.path("to").asText()).isEqualTo("+14155550123");
        // The live state comes from the vendors, asked by B for exactly this call's ids.
        assertThat(details.path("status").asText()).isEqualTo("in-progress");
        assertThat(details.path("ultravox").path("joined").asText()).startsWith("2026-01-01T00:00:02");

        HttpResponse<String> hungUp = send(request(b, "/api/v1/calls/" + callId).DELETE());
        assertThat(hungUp.statusCode()).as(hungUp.body()).isEqualTo(204);
        vendors.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CALLS + "/" + twilioSid + ".json"))
                .withRequestBody(containing("Status=completed")));
        vendors.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    @Test
    @Order(2)
    void aRetryOnTheOtherReplicaReplaysTheFirstAnswer() throws Exception {
        String key = "retry-" + UUID.randomUUID();
        HttpResponse<String> first = send(place(a, key));
        JsonNode placed = placed(first);

        HttpResponse<String> retried = send(place(b, key));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(retried.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(JSON.readTree(retried.body())).isEqualTo(placed);
        vendors.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CALL_CREATE)));
        vendors.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    @Test
    @Order(3)
    void fiftyConcurrentRequestsWithOneKeyOverBothReplicasDialOnce() throws Exception {
        // A slow Ultravox keeps the first placement running while the others arrive.
        vendors.resetAll();
        stubVendors(Duration.ofMillis(1_500));
        String key = "race-" + UUID.randomUUID();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            PackagedProcess replica = i % 2 == 0 ? a : b;
            sent.add(http.sendAsync(place(replica, key), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : sent) {
            answers.add(answer.get(30, TimeUnit.SECONDS));
        }

        assertThat(answers).as("status of each answer")
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(201, 409));
        List<HttpResponse<String>> ran = answers.stream().filter(r -> r.statusCode() == 201)
                .filter(r -> r.headers().firstValue("Idempotent-Replayed").isEmpty()).toList();
        System.out.printf("[replicas] 50 requests, one key: %d placed, %d replayed, %d told 409%n", ran.size(),
                answers.stream().filter(r -> r.statusCode() == 201).count() - ran.size(),
                answers.stream().filter(r -> r.statusCode() == 409).count());
        assertThat(ran).as("answers of a placement that ran").hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() == 409).isNotEmpty()
                .allSatisfy(r -> assertThat(r.body()).contains("idempotency-in-flight"));
        String callId = JSON.readTree(ran.get(0).body()).path("callId").asText();
        assertThat(answers).filteredOn(r -> r.statusCode() == 201)
                .allSatisfy(r -> assertThat(JSON.readTree(r.body()).path("callId").asText()).isEqualTo(callId));
        vendors.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CALL_CREATE)));
        vendors.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));

        // Once it has finished, a retry on either replica replays it.
        for (PackagedProcess replica : List.of(a, b)) {
            HttpResponse<String> replay = send(place(replica, key));
            assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
            assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
            assertThat(JSON.readTree(replay.body()).path("callId").asText()).isEqualTo(callId);
        }
        vendors.verify(1, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    @Test
    @Order(4)
    void bothReplicasKeepTheCallsAcrossARestart() throws Exception {
        String key = "restart-" + UUID.randomUUID();
        JsonNode onA = placed(send(place(a, key)));
        JsonNode onB = placed(send(place(b, null)));
        int startsBefore = starts;

        closeBoth();
        startBoth();
        assertThat(starts).as("instances started").isEqualTo(startsBefore + 2);

        for (JsonNode call : List.of(onA, onB)) {
            stubLegs(call.path("callId").asText(), call.path("twilioCallSid").asText(), "ringing");
        }
        for (PackagedProcess replica : List.of(a, b)) {
            for (JsonNode call : List.of(onA, onB)) {
                String callId = call.path("callId").asText();
                HttpResponse<String> followed = send(request(replica, "/api/v1/calls/" + callId).GET());
                assertThat(followed.statusCode()).as(followed.body()).isEqualTo(200);
                JsonNode details = JSON.readTree(followed.body());
                assertThat(details.path("twilioCallSid").asText()).isEqualTo(call.path("twilioCallSid").asText());
                assertThat(details.path("status").asText()).isEqualTo("ringing");
            }
        }
        // The idempotency key survived as well: its retry replays, nothing is dialled again.
        HttpResponse<String> replay = send(place(b, key));
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(JSON.readTree(replay.body())).isEqualTo(onA);
        vendors.verify(2, postRequestedFor(urlPathEqualTo(TWILIO_CREATE)));
    }

    /** Launches both instances at once, as a rollout does, so their migrations meet too. */
    private static void startBoth() throws IOException, InterruptedException {
        Map<String, String> env = env();
        PackagedProcess first = PackagedProcess.launch(env, "replicas-a-" + (starts / 2) + ".log");
        PackagedProcess second = PackagedProcess.launch(env, "replicas-b-" + (starts / 2) + ".log");
        a = first;
        b = second;
        starts += 2;
        first.awaitStatus("/q/health/ready", 200, START_LIMIT);
        second.awaitStatus("/q/health/ready", 200, START_LIMIT);
    }

    private static void closeBoth() throws InterruptedException {
        // SIGTERM to both first, so they drain side by side.
        for (PackagedProcess replica : new PackagedProcess[] {a, b}) {
            if (replica != null) {
                replica.terminate();
            }
        }
        for (PackagedProcess replica : new PackagedProcess[] {a, b}) {
            if (replica != null) {
                replica.close();
            }
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = StubbedVendors.env(vendors, KEY);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CALLBRIDGE_STORE", "postgres");
        env.put("CALLBRIDGE_DB_URL", databaseUrl);
        env.put("CALLBRIDGE_DB_USER", LocalPostgres.USER);
        env.put("CALLBRIDGE_DB_PASSWORD", LocalPostgres.PASSWORD);
        return env;
    }

    /** Health checks, and creations that answer fresh ids each time (Ultravox after {@code delay}). */
    private static void stubVendors(Duration delay) {
        StubbedVendors.answerHealthChecks(vendors);
        StubbedVendors.createDistinctCalls(vendors, delay);
    }

    /**
     * Both legs of one placed call, answered only for its own ids: Twilio's fetch with
     * {@code status}, its update (the hang-up) with {@code completed}, Ultravox's call joined.
     */
    private static void stubLegs(String callId, String twilioSid, String status) {
        String phoneLeg = TWILIO_CALLS + "/" + twilioSid + ".json";
        vendors.stubFor(get(urlPathEqualTo(phoneLeg)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + twilioSid + "\", \"status\": \"" + status + "\"}")));
        vendors.stubFor(post(urlPathEqualTo(phoneLeg)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + twilioSid + "\", \"status\": \"completed\", \"duration\": \"12\"}")));
        vendors.stubFor(get(urlPathEqualTo("/api/calls/" + callId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"callId\": \"" + callId + "\", \"agentId\": \"" + AGENT_ID + "\", "
                        + "\"created\": \"2026-01-01T00:00:00Z\", \"joined\": \"2026-01-01T00:00:02Z\"}")));
    }

    private static HttpRequest place(PackagedProcess replica, String key) {
        HttpRequest.Builder builder = request(replica, PLACE).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PLACEMENT));
        if (key != null) {
            builder.header("Idempotency-Key", key);
        }
        return builder.build();
    }

    private static HttpRequest.Builder request(PackagedProcess replica, String path) {
        return HttpRequest.newBuilder(replica.uri(path)).timeout(Duration.ofSeconds(30)).header("X-API-Key", KEY);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return send(builder.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The answer of a placement that must have succeeded. */
    private static JsonNode placed(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("callId").asText()).isNotBlank();
        assertThat(body.path("twilioCallSid").asText()).startsWith("CA");
        return body;
    }
}
