package dev.callbridge.integration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an operator reads when the packaged jar starts in prod mode with its default JSON
 * logging: nothing at WARN or ERROR on a clean start (vendors answering, one call placed), and,
 * when required settings are missing, one short ERROR line naming them before the failure.
 */
@Tag("startup")
class StartupLogIT {

    static final String KEY = "startup-test-key";
    static final String AGENT_ID = StubbedVendors.AGENT_ID;
    static final String WEBHOOK_SECRET = "startup-test-webhook-secret";
    static final List<String> REQUIRED = List.of("CALLBRIDGE_API_KEYS", "ULTRAVOX_API_KEY", "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN", "TWILIO_PHONE_NUMBER");
    private static final ObjectMapper JSON = new ObjectMapper();

    private WireMockServer vendors;

    @BeforeEach
    void startVendors() {
        vendors = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        vendors.start();
    }

    @AfterEach
    void stopVendors() {
        vendors.stop();
    }

    @Test
    void aCleanStartLogsNoWarningAndNoError() throws Exception {
        stubVendors();
        List<JsonNode> lines;
        try (PackagedProcess callbridge = PackagedProcess.launch(env(), "startup-clean.log")) {
            long launched = System.nanoTime();
            callbridge.awaitStatus("/q/health/ready", 200, Duration.ofSeconds(60));
            System.out.printf("[startup] ready %d ms after launch%n", (System.nanoTime() - launched) / 1_000_000);
            // One placement, so that the Twilio path (SDK, offload executor) has started too.
            HttpResponse<String> placed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    callbridge.uri("/api/v1/agents/" + AGENT_ID + "/calls"))
                    .header("X-API-Key", KEY).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"+14155550123\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(placed.statusCode()).as(placed.body()).isEqualTo(201);
            callbridge.terminate();
            // The JVM answers SIGTERM with 143 once its shutdown hooks have run.
            assertThat(callbridge.exitCode(Duration.ofSeconds(40))).isIn(0, 143);
            lines = jsonLines(callbridge.log());
        }

        assertThat(lines).as("JSON log lines").isNotEmpty()
                .anySatisfy(line -> assertThat(line.path("message").asText()).contains("started in"));
        assertThat(lines).as("lines at WARN or ERROR")
                .filteredOn(line -> List.of("WARN", "WARNING", "ERROR", "SEVERE").contains(line.path("level").asText()))
                .isEmpty();
    }

    @Test
    void theFirstCheckWaitsForTheServerSoTheSandboxOnTheSamePortPassesIt() throws Exception {
        // The sandbox serves the simulated vendors on Callbridge's own port: a check sent
        // before the server listens fails, and the next one would be an interval away.
        Map<String, String> env = Map.of("CALLBRIDGE_LOG_JSON", "true", "CALLBRIDGE_API_KEYS", KEY,
                "CALLBRIDGE_SANDBOX_ENABLED", "true", "ULTRAVOX_WEBHOOK_SECRETS", WEBHOOK_SECRET);
        List<JsonNode> lines;
        try (PackagedProcess callbridge = PackagedProcess.launch(env, "startup-sandbox.log")) {
            callbridge.awaitStatus("/q/health/well", 200, Duration.ofSeconds(60));
            callbridge.terminate();
            callbridge.exitCode(Duration.ofSeconds(40));
            lines = jsonLines(callbridge.log());
        }

        assertThat(lines).extracting(line -> line.path("message").asText())
                .contains("Vendor ultravox is reachable", "Vendor twilio is reachable")
                .noneMatch(message -> message.contains("not reachable"));
        // The one warning is the deliberate one: a production process with simulated vendors.
        assertThat(lines).filteredOn(line -> List.of("WARN", "ERROR").contains(line.path("level").asText()))
                .extracting(line -> line.path("loggerName").asText())
                .containsExactly("dev.callbridge.sandbox.SandboxAnnouncement");
    }

    @Test
    void aStartWithoutRequiredSettingsNamesThemOnAShortErrorLineFirst() throws Exception {
        Map<String, String> env = new HashMap<>(env());
        REQUIRED.forEach(name -> env.put(name, ""));
        String log;
        try (PackagedProcess callbridge = PackagedProcess.launch(env, "startup-missing.log")) {
            assertThat(callbridge.exitCode(Duration.ofSeconds(60))).isNotZero();
            log = callbridge.log();
        }

        List<JsonNode> errors = jsonLines(log).stream().filter(l -> "ERROR".equals(l.path("level").asText())).toList();
        assertThat(errors).as("ERROR lines").isNotEmpty();
        JsonNode first = errors.get(0);
        assertThat(first.path("loggerName").asText()).isEqualTo("dev.callbridge.config.RequiredConfigCheck");
        assertThat(first.path("message").asText()).isEqualTo("Callbridge cannot start: missing required "
                + "configuration " + String.join(", ", REQUIRED) + ". Set these environment variables.");
        assertThat(first.has("exception")).isFalse();
        assertThat(JSON.writeValueAsString(first)).as("the line an operator reads").hasSizeLessThan(600);
        // Quarkus' own report of the failed start follows it.
        assertThat(errors).hasSizeGreaterThan(1);
    }

    private void stubVendors() {
        StubbedVendors.answerHealthChecks(vendors);
        vendors.stubFor(post(urlPathEqualTo("/api/agents/" + AGENT_ID + "/calls")).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f", "agentId": "%s",
                         "joinUrl": "wss://voice.example/join/abc123", "created": "2026-01-01T00:00:00Z"}"""
                        .formatted(AGENT_ID))));
        vendors.stubFor(post(urlPathEqualTo(StubbedVendors.TWILIO_CREATE)).willReturn(aResponse()
                .withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"CA0123456789abcdef0123456789abcdef\", \"status\": \"queued\"}")));
    }

    private Map<String, String> env() {
        Map<String, String> env = StubbedVendors.env(vendors, KEY);
        env.put("CALLBRIDGE_LOG_JSON", "true");
        // Without it, startup warns that every Ultravox webhook will be refused.
        env.put("ULTRAVOX_WEBHOOK_SECRETS", WEBHOOK_SECRET);
        return env;
    }

    /** Every line of the log, each of which must be one JSON object. */
    private static List<JsonNode> jsonLines(String log) {
        return log.lines().filter(l -> !l.isBlank()).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("Not a JSON log line: " + line, e);
            }
        }).toList();
    }
}
