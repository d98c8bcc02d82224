package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.sandbox.SandboxCredentials;
import dev.callbridge.store.LocalPostgres;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of a Callbridge process with placements in flight, then a restart: within the
 * recovery interval after the placements turned stale, every accepted placement is settled in
 * the ledger and no Ultravox call is left without either a Twilio call or a deletion.
 *
 * <p>The vendors are the sandbox of a second packaged jar, which keeps its state across the
 * victim's death. It answers call creations late ({@code CALLBRIDGE_SANDBOX_DELAY_*}): it
 * creates the call, then holds the answer, so the victim is killed at the step it was
 * waiting in, with the vendor's side done and unknown to the ledger, which is the worst case.
 * Killed while Ultravox answers, placements are {@code accepted} (the Ultravox call exists, its
 * id is not recorded); killed while Twilio answers, they are {@code dialing} (a phone rings,
 * its SID is not recorded). The step between (Ultravox created, not dialing yet) lasts no
 * measurable time; {@code PlacementRecoveryTest} covers it, and dials that never reached Twilio.
 * The placements killed while dialling all call one number, so Twilio's list cannot tell them
 * apart: each must get the phone call that joined its own agent call. Each placement carries an
 * {@code Idempotency-Key}; a retry after recovery replays the dialled call.
 */
@Tag("replicas")
class CrashRecoveryIT {

    static final String KEY = "crash-recovery-test-key";
    static final Duration START_LIMIT = Duration.ofSeconds(60);
    /** Longer than any test waits: the vendor's answer never arrives before the kill. */
    static final String HELD_ANSWER = "60s";
    /**
     * Short vendor timeouts, so a short stale age passes the startup check (it must exceed
     * 13.5 s), yet creations that outlast the wait before the kill.
     */
    static final Map<String, String> SHORT_TIMEOUTS = Map.of(
            "CALLBRIDGE_RESILIENCE_ULTRAVOX_CREATE_TIMEOUT", "5s",
            "CALLBRIDGE_RESILIENCE_ULTRAVOX_CREATE_MAX_ATTEMPTS", "1",
            "CALLBRIDGE_RESILIENCE_TWILIO_CREATE_TIMEOUT", "5s",
            "CALLBRIDGE_RESILIENCE_TWILIO_CREATE_MAX_ATTEMPTS", "1",
            "CALLBRIDGE_RESILIENCE_ULTRAVOX_READ_TIMEOUT", "1s",
            "CALLBRIDGE_RESILIENCE_RETRY_MAX_ATTEMPTS", "2",
            "CALLBRIDGE_RESILIENCE_RETRY_BUDGET", "500ms",
            "CALLBRIDGE_RECOVERY_STALE_AFTER", "15s",
            "CALLBRIDGE_RECOVERY_INTERVAL", "1s");
    /** Stale age plus interval plus a margin for a loaded machine. */
    static final Duration SETTLED_WITHIN = Duration.ofSeconds(45);
    static final int PLACEMENTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalPostgres postgres;
    private static int databases;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startDatabase() {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void placementsKilledWhileUltravoxAnswersHaveTheirUltravoxCallsDeleted() throws Exception {
        try (PackagedProcess vendors = vendors("DELAY_ULTRAVOX_CALL_CREATE", "crash-vendors-ultravox.log")) {
            Map<String, String> env = victimEnv(vendors);
            List<String> numbers;
            try (PackagedProcess victim = PackagedProcess.start(env, "crash-victim-ultravox.log")) {
                String agent = createAgent(victim);
                numbers = placeInBackground(victim, agent, CrashRecoveryIT::number);
                awaitListed(victim, "accepted", PLACEMENTS);
                awaitUltravoxCalls(vendors, calls -> calls.size() == PLACEMENTS);
                victim.kill();
            }
            try (PackagedProcess restarted = PackagedProcess.start(env, "crash-restarted-ultravox.log")) {
                List<JsonNode> settled = awaitAllSettled(restarted);

                assertThat(settled).hasSize(PLACEMENTS).allSatisfy(placement -> {
                    assertThat(placement.path("state").asText()).isEqualTo("compensated");
                    assertThat(placement.path("callId").asText()).isNotBlank();
                    assertThat(placement.path("error").path("kind").asText()).isEqualTo("placement-interrupted");
                });
                assertThat(settled).extracting(p -> p.path("to").asText()).containsExactlyInAnyOrderElementsOf(numbers);
                for (JsonNode placement : settled) {
                    assertThat(ultravoxCallStatus(vendors, placement.path("callId").asText()))
                            .as("the Ultravox call of %s is deleted", placement).isEqualTo(404);
                }
                // No Ultravox call is left at all: nothing was dialled.
                assertThat(ultravoxCalls(vendors)).isEmpty();
                assertThat(twilioCalls(vendors)).isEmpty();
            }
        }
    }

    @Test
    void placementsToOneNumberKilledWhileTwilioAnswersAreEachRecordedWithTheirOwnPhoneCall() throws Exception {
        try (PackagedProcess vendors = vendors("DELAY_TWILIO_CALL_CREATE", "crash-vendors-twilio.log")) {
            Map<String, String> env = victimEnv(vendors);
            String agent;
            try (PackagedProcess victim = PackagedProcess.start(env, "crash-victim-twilio.log")) {
                agent = createAgent(victim);
                // All to one number: Twilio's list alone could not tell the three calls apart.
                placeInBackground(victim, agent, i -> number(0));
                awaitListed(victim, "dialing", PLACEMENTS);
                awaitTwilioCalls(vendors, PLACEMENTS);
                victim.kill();
            }
            try (PackagedProcess restarted = PackagedProcess.start(env, "crash-restarted-twilio.log")) {
                List<JsonNode> settled = awaitAllSettled(restarted);

                List<String> sids = twilioCalls(vendors).stream().map(call -> call.path("sid").asText()).toList();
                assertThat(sids).hasSize(PLACEMENTS).doesNotHaveDuplicates();
                assertThat(settled).hasSize(PLACEMENTS).allSatisfy(placement ->
                        assertThat(placement.path("state").asText()).isEqualTo("dialed"));
                assertThat(settled).extracting(p -> p.path("twilioCallSid").asText())
                        .containsExactlyInAnyOrderElementsOf(sids);
                // Each placement has the phone call that joined its own agent call, which still exists.
                Map<String, String> sidByCallId = new HashMap<>();
                for (JsonNode placement : settled) {
                    String callId = placement.path("callId").asText();
                    sidByCallId.put(callId, placement.path("twilioCallSid").asText());
                    assertThat(ultravoxCall(vendors, callId).path("metadata").path("ultravox.twilio.call_sid").asText())
                            .isEqualTo(placement.path("twilioCallSid").asText());
                }
                assertThat(ultravoxCalls(vendors)).hasSize(PLACEMENTS);
                // The client's retry with its Idempotency-Key replays the call recovery found: no second dial.
                HttpResponse<String> retried = send(placement(restarted, agent, 0, number(0)));
                assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
                assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
                JsonNode replayed = JSON.readTree(retried.body());
                assertThat(replayed.path("twilioCallSid").asText()).isEqualTo(sidByCallId.get(replayed.path("callId").asText()));
                assertThat(twilioCalls(vendors)).hasSize(PLACEMENTS);
            }
        }
    }

    /** A sandbox-only jar standing in for both vendors, holding the answers of one kind of creation. */
    private static PackagedProcess vendors(String delaySetting, String log) throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CALLBRIDGE_API_KEYS", "vendors-own-key");
        env.put("CALLBRIDGE_SANDBOX_ENABLED", "true");
        env.put("CALLBRIDGE_SANDBOX_MAX_CONCURRENT_CALLS", "20");
        env.put("CALLBRIDGE_SANDBOX_" + delaySetting, HELD_ANSWER);
        return PackagedProcess.start(env, log);
    }

    /** The victim: postgres store, its vendors the sandbox of {@code vendors}, short timeouts. */
    private static Map<String, String> victimEnv(PackagedProcess vendors) {
        Map<String, String> env = new HashMap<>(SHORT_TIMEOUTS);
        String base = "http://127.0.0.1:" + vendors.port() + "/sandbox";
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("CALLBRIDGE_API_KEYS", KEY);
        env.put("ULTRAVOX_BASE_URL", base + "/ultravox");
        env.put("ULTRAVOX_API_KEY", SandboxCredentials.ULTRAVOX_API_KEY);
        env.put("TWILIO_BASE_URL", base + "/twilio");
        env.put("TWILIO_ACCOUNT_SID", SandboxCredentials.TWILIO_ACCOUNT_SID);
        env.put("TWILIO_AUTH_TOKEN", SandboxCredentials.TWILIO_AUTH_TOKEN);
        env.put("TWILIO_PHONE_NUMBER", SandboxCredentials.TWILIO_PHONE_NUMBER);
        env.put("CALLBRIDGE_STORE", "postgres");
        env.put("CALLBRIDGE_DB_URL", postgres.url(postgres.createDatabase("crash_it_" + (++databases))));
        env.put("CALLBRIDGE_DB_USER", LocalPostgres.USER);
        env.put("CALLBRIDGE_DB_PASSWORD", LocalPostgres.PASSWORD);
        return env;
    }

    private String createAgent(PackagedProcess victim) throws Exception {
        HttpResponse<String> created = send(request(victim, "/api/v1/agents").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"crash-recovery\", "
                        + "\"callTemplate\": {\"systemPrompt\": \"You remind patients of appointments.\"}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("agentId").asText();
    }

    /** Sends the placements, each with an Idempotency-Key, without waiting for their answers, which never come. */
    private List<String> placeInBackground(PackagedProcess victim, String agent, IntFunction<String> numbering) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < PLACEMENTS; i++) {
            numbers.add(numbering.apply(i));
            CompletableFuture<HttpResponse<Void>> ignored = http.sendAsync(
                    placement(victim, agent, i, numbering.apply(i)).build(), HttpResponse.BodyHandlers.discarding());
        }
        return numbers;
    }

    private static HttpRequest.Builder placement(PackagedProcess instance, String agent, int i, String to) {
        return request(instance, "/api/v1/agents/" + agent + "/calls").header("Content-Type", "application/json")
                .header("Idempotency-Key", "crash-placement-" + i)
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\": \"" + to + "\"}"));
    }

    private static String number(int i) {
        return "+1415555016" + i;
    }

    private void awaitListed(PackagedProcess instance, String state, int count) throws Exception {
        awaitTrue(() -> listed(instance).stream().filter(p -> p.path("state").asText().equals(state)).count() == count,
                "ledger shows " + count + " placements " + state);
    }

    private List<JsonNode> awaitAllSettled(PackagedProcess instance) throws Exception {
        awaitTrue(() -> {
            List<JsonNode> placements = listed(instance);
            return placements.size() == PLACEMENTS && placements.stream().allMatch(p -> Settled.STATES
                    .contains(p.path("state").asText()));
        }, "every placement settled within " + SETTLED_WITHIN, SETTLED_WITHIN);
        return listed(instance);
    }

    private List<JsonNode> listed(PackagedProcess instance) throws Exception {
        HttpResponse<String> page = send(request(instance, "/api/v1/calls?pageSize=100"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<JsonNode> placements = new ArrayList<>();
        JSON.readTree(page.body()).path("results").forEach(placements::add);
        return placements;
    }

    private void awaitUltravoxCalls(PackagedProcess vendors, Predicate<List<JsonNode>> condition) throws Exception {
        awaitTrue(() -> condition.test(ultravoxCalls(vendors)), "the sandbox holds the Ultravox calls");
    }

    private void awaitTwilioCalls(PackagedProcess vendors, int count) throws Exception {
        awaitTrue(() -> twilioCalls(vendors).size() == count, "the sandbox holds " + count + " Twilio calls");
    }

    /** Every Ultravox call the sandbox still has (deleted calls are not listed). */
    private List<JsonNode> ultravoxCalls(PackagedProcess vendors) throws Exception {
        HttpResponse<String> page = send(HttpRequest.newBuilder(vendors.uri("/sandbox/ultravox/api/calls?pageSize=100"))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", SandboxCredentials.ULTRAVOX_API_KEY));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(page.body()).path("results").forEach(calls::add);
        return calls;
    }

    private JsonNode ultravoxCall(PackagedProcess vendors, String callId) throws Exception {
        HttpResponse<String> call = send(HttpRequest.newBuilder(vendors.uri("/sandbox/ultravox/api/calls/" + callId))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", SandboxCredentials.ULTRAVOX_API_KEY));
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        return JSON.readTree(call.body());
    }

    private int ultravoxCallStatus(PackagedProcess vendors, String callId) throws Exception {
        return send(HttpRequest.newBuilder(vendors.uri("/sandbox/ultravox/api/calls/" + callId))
                .timeout(Duration.ofSeconds(10)).header("X-API-Key", SandboxCredentials.ULTRAVOX_API_KEY)).statusCode();
    }

    private List<JsonNode> twilioCalls(PackagedProcess vendors) throws Exception {
        String basic = Base64.getEncoder().encodeToString((SandboxCredentials.TWILIO_ACCOUNT_SID + ":"
                + SandboxCredentials.TWILIO_AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> page = send(HttpRequest.newBuilder(vendors.uri("/sandbox/twilio/2010-04-01/Accounts/"
                + SandboxCredentials.TWILIO_ACCOUNT_SID + "/Calls.json?PageSize=100"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Basic " + basic));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<JsonNode> calls = new ArrayList<>();
        JSON.readTree(page.body()).path("calls").forEach(calls::add);
        return calls;
    }

    private static HttpRequest.Builder request(PackagedProcess instance, String path) {
        return HttpRequest.newBuilder(instance.uri(path)).timeout(Duration.ofSeconds(10)).header("X-API-Key", KEY);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws Exception {
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        awaitTrue(check, what, Duration.ofSeconds(20));
    }

    private static void awaitTrue(Check check, String what, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting until " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A condition polled until it holds. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    /** The states a placement ends in. */
    private static final class Settled {
        static final List<String> STATES = List.of("dialed", "failed", "compensated");
    }
}
