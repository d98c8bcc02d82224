package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.security.RequestValidator;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stubs' callee against a stand-in for Callbridge's connect webhook that checks the
 * signature with the Twilio SDK and, as an on-answer call does, creates the agent call at the
 * Ultravox stub before answering.
 */
class VendorStubsConnectTest {

    private static final String TOKEN = "bench-twilio-token";
    private static final long ULTRAVOX_MS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    private Vertx stubVertx;
    private Vertx callbridgeVertx;
    private int stubPort;
    private int callbridgePort;

    @BeforeEach
    void start() throws Exception {
        stubVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        stubPort = VendorStubs.start(stubVertx, 0, ULTRAVOX_MS, 10).actualPort();
        callbridgeVertx = Vertx.vertx();
        HttpClient ultravox = callbridgeVertx.createHttpClient();
        HttpServer callbridge = callbridgeVertx.createHttpServer().requestHandler(req -> req.body()
                .onSuccess(body -> connect(req, body.toString(), ultravox)));
        callbridgePort = callbridge.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get()
                .actualPort();
    }

    @AfterEach
    void stop() throws Exception {
        stubVertx.close().toCompletionStage().toCompletableFuture().get();
        callbridgeVertx.close().toCompletionStage().toCompletableFuture().get();
    }

    @Test
    void answersTheConfiguredShareWithSignedWebhooksAndTellsTheUltravoxHoldApart() throws Exception {
        post(VendorStubs.ANSWERING_PATH, JSON.writeValueAsString(Map.of("callbridgePort", callbridgePort,
                "authToken", TOKEN, "fraction", 0.5, "delayMs", 10)));

        for (int i = 0; i < 10; i++) {
            dial(PlacementNumbers.to(i), "placement-" + i);
        }
        dial(PlacementNumbers.to(10), null); // inline: no answer URL, never answered
        Map<String, Object> connects = awaitFinished(5);

        assertThat(connects).containsEntry("dialled", 10).containsEntry("scheduled", 5)
                .containsEntry("outcomes", Map.of(InboundTraffic.STREAM, 5)).containsEntry("withUltravoxHold", 5);
        double hold = ((Number) connects.get("ultravoxHoldP50Ms")).doubleValue();
        assertThat(hold).isGreaterThanOrEqualTo(ULTRAVOX_MS);
        assertThat(((Number) connects.get("excessP50Ms")).doubleValue())
                .isLessThanOrEqualTo(((Number) connects.get("latencyP50Ms")).doubleValue() - ULTRAVOX_MS + 0.5);
        assertThat(get(VendorStubs.COUNTS_PATH)).containsEntry("ultravoxCreates", 5).containsEntry("twilioCreates", 11);
        Map<String, Object> rings = get(VendorStubs.RINGS_PATH);
        assertThat(rings).hasSize(11).containsKey(PlacementNumbers.to(10));
        for (Object times : rings.values()) {
            List<?> pair = (List<?>) times;
            assertThat(((Number) pair.get(1)).longValue() - ((Number) pair.get(0)).longValue())
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    @Test
    void aWebhookCallbridgeRefusesIsCountedAndNotTimed() throws Exception {
        post(VendorStubs.ANSWERING_PATH, JSON.writeValueAsString(Map.of("callbridgePort", callbridgePort,
                "authToken", "not-callbridges-token", "fraction", 1.0, "delayMs", 10)));

        dial(PlacementNumbers.to(0), "placement-0");
        Map<String, Object> connects = awaitFinished(1);

        assertThat(connects).containsEntry("outcomes", Map.of("http_403", 1)).containsEntry("withUltravoxHold", 0);
        assertThat(ConnectFigures.of(connects)).containsEntry("otherErrors", 1L).doesNotContainKey("latencyP50Ms");
        assertThat(get(VendorStubs.COUNTS_PATH)).containsEntry("ultravoxCreates", 0);
    }

    /** As Callbridge's connect webhook of an on-answer call: check the signature, create the agent call, stream. */
    private void connect(HttpServerRequest req, String form, HttpClient ultravox) {
        Map<String, String> fields = Arrays.stream(form.split("&")).map(p -> p.split("=", 2)).collect(
                Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
        String url = InboundTraffic.PUBLIC_BASE_URL + req.path();
        if (!new RequestValidator(TOKEN).validate(url, fields, req.getHeader("X-Twilio-Signature"))
                || !fields.get("CallSid").matches("CA[0-9a-f]{32}")) {
            req.response().setStatusCode(403).end();
            return;
        }
        String placementId = req.path().substring(req.path().lastIndexOf('/') + 1);
        ultravox.request(HttpMethod.POST, stubPort, "127.0.0.1", "/api/agents/a/calls")
                .compose(r -> r.send(Buffer.buffer("{\"metadata\":{\"callbridge.placementId\":\"" + placementId
                        + "\"}}")))
                .compose(r -> r.body())
                .onSuccess(b -> req.response().end("<Response><Connect><Stream url=\"" + VendorStubs.JOIN_URL_PREFIX
                        + placementId + "\"/></Connect></Response>"));
    }

    private void dial(String to, String placementId) throws Exception {
        String form = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&From=%2B14155550100"
                + (placementId == null ? "&Twiml=%3CResponse%2F%3E" : "&Method=POST&Url=" + URLEncoder.encode(
                        InboundTraffic.PUBLIC_BASE_URL + "/webhooks/twilio/connect/" + placementId,
                        StandardCharsets.UTF_8));
        HttpRequest create = HttpRequest.newBuilder(uri("/2010-04-01/Accounts/" + InboundTraffic.ACCOUNT_SID
                + "/Calls.json")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        assertThat(http.send(create, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
    }

    private Map<String, Object> awaitFinished(int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, Object> connects = get(VendorStubs.CONNECTS_PATH);
        while (((Number) connects.get("finished")).intValue() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            connects = get(VendorStubs.CONNECTS_PATH);
        }
        return connects;
    }

    private void post(String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).build();
        return JSON.readValue(http.send(request, HttpResponse.BodyHandlers.ofString()).body(), Map.class);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + stubPort + path);
    }
}
