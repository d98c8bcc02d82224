package dev.callbridge.call;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_ACCOUNT;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.sandbox.MagicNumbers;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answering-machine detection with zero accounts: calls placed through the API to the sandbox's
 * answering machine, fax and an ordinary callee, whose detection result the simulated Twilio signs
 * back to Callbridge, which hangs up, leaves the message or lets the agent talk. What the callee
 * heard is read from the sandbox ({@code OutgoingCalls/{sid}.json}), who answered from the
 * call's {@code call.ended} event.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class MachineDetectionSandboxTest {

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;


    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSON = "+14155552671";
    private static final String MESSAGE = "Hello from Dr. Lee's office: please call us back & ask for Ann.";
    /** The sandbox's machine records for 120 s after its 7 s greeting, then hangs up. */
    private static final int MACHINE_HANGS_UP_AFTER = 127;

    private String agentId;
    private CallbackReceiver receiver;
    private String subscriptionId;

    @BeforeEach
    void subscribe() throws Exception {
        agentId = api().body("""
                {"name": "amd_%s", "callTemplate": {"systemPrompt": "Say hello."}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
        receiver = CallbackReceiver.start();
        subscriptionId = api().body(Map.of("url", receiver.baseUrl() + "/events", "events", List.of("call.ended")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    @AfterEach
    void unsubscribe() {
        api().delete("/api/v1/webhooks/" + subscriptionId).then().statusCode(204);
        api().delete("/api/v1/agents/" + agentId).then().statusCode(204);
        receiver.close();
    }

    @Test
    void aMachineUnderLeaveMessageRecordsTheMessageAndTheCallEnds() {
        try (LogCapture logs = LogCapture.install()) {
            JsonPath placed = place(MagicNumbers.ANSWERING_MACHINE, "leave-message", MESSAGE);

            JsonNode ended = endedEvent(placed.getString("callId"));
            assertThat(ended.path("answeredBy").asText()).isEqualTo("machine_end_beep");
            assertThat(ended.path("status").asText()).isEqualTo("completed");
            JsonPath heard = heard(placed.getString("twilioCallSid"));
            assertThat(heard.getBoolean("voicemail.beeped")).isTrue();
            assertThat(heard.getList("voicemail.recorded", String.class)).containsExactly(MESSAGE);
            assertThat(ended.path("twilio").path("durationSeconds").asInt()).isLessThan(MACHINE_HANGS_UP_AFTER);
            assertThat(logs.text()).doesNotContain(MESSAGE).doesNotContain("Dr. Lee");
        }
    }

    @Test
    void aMachineUnderHangUpIsHungUpOnWithNothingLeft() {
        JsonPath placed = place(MagicNumbers.ANSWERING_MACHINE, "hang-up", null);

        JsonNode ended = endedEvent(placed.getString("callId"));
        // Hung up as soon as the machine is recognised (machine_start), not after its greeting; the
        // simulated seconds the hang-up takes depend on this machine's speed, so only the bound is checked.
        assertThat(ended.path("answeredBy").asText()).isEqualTo("machine_start");
        assertThat(ended.path("placement").path("machineDetection").asText()).isEqualTo("hang-up");
        assertThat(ended.path("twilio").path("durationSeconds").asInt()).isLessThan(MACHINE_HANGS_UP_AFTER);
        JsonPath heard = heard(placed.getString("twilioCallSid"));
        assertThat(heard.getList("voicemail.recorded")).isEmpty();
        assertThat(heard.getList("heard.say")).isEmpty();
    }

    @Test
    void aMachineUnderLeaveMessageWithoutAMessageStaysWithTheAgentWhichIsTold() {
        double told = registry.counter("callbridge.calls.machine.detections", "answered_by", "machine", "action",
                "agent-told").count();
        JsonPath placed = place(MagicNumbers.ANSWERING_MACHINE, "leave-message", null);

        JsonNode ended = endedEvent(placed.getString("callId"));
        // The simulated Ultravox took the cue on the live call (it answers 422 to a call not talking).
        assertThat(registry.counter("callbridge.calls.machine.detections", "answered_by", "machine", "action",
                "agent-told").count()).isEqualTo(told + 1);
        assertThat(ended.path("answeredBy").asText()).isEqualTo("machine_end_beep");
        // Nobody hung up: the machine did, once it had recorded for as long as it records.
        assertThat(ended.path("twilio").path("durationSeconds").asInt()).isGreaterThanOrEqualTo(MACHINE_HANGS_UP_AFTER);
        JsonPath heard = heard(placed.getString("twilioCallSid"));
        assertThat(heard.getBoolean("heard.stream")).isTrue();
        assertThat(heard.getList("heard.say")).isEmpty();
    }

    @Test
    void aFaxUnderLeaveMessageIsHungUpOn() {
        JsonPath placed = place(MagicNumbers.FAX, "leave-message", MESSAGE);

        JsonNode ended = endedEvent(placed.getString("callId"));
        assertThat(ended.path("answeredBy").asText()).isEqualTo("fax");
        assertThat(heard(placed.getString("twilioCallSid")).getList("heard.say")).isEmpty();
    }

    @Test
    void aPersonTalksToTheAgent() {
        JsonPath placed = place(PERSON, "hang-up", null);

        JsonNode ended = endedEvent(placed.getString("callId"));
        assertThat(ended.path("answeredBy").asText()).isEqualTo("human");
        assertThat(heard(placed.getString("twilioCallSid")).getBoolean("heard.stream")).isTrue();
        api().get("/api/v1/calls/{id}", placed.getString("callId")).then().statusCode(200)
                .body("answeredBy", org.hamcrest.Matchers.equalTo("human"))
                .body("placement.answeredBy", org.hamcrest.Matchers.equalTo("human"));
    }

    private JsonPath place(String to, String detection, String message) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("to", to, "machineDetection", detection));
        if (message != null) {
            body.put("voicemailMessage", message);
        }
        return api().body(body).post("/api/v1/agents/{agentId}/calls", agentId).then().statusCode(201)
                .extract().jsonPath();
    }

    /** The {@code data} of the call's {@code call.ended} event, once it came. */
    private JsonNode endedEvent(String callId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> events(callId).stream().anyMatch(e -> "call.ended".equals(e.path("type").asText())));
        return events(callId).stream().filter(e -> "call.ended".equals(e.path("type").asText())).findFirst()
                .orElseThrow().path("data");
    }

    private List<JsonNode> events(String callId) {
        return receiver.received().stream().map(request -> {
            try {
                return JSON.readTree(request.body());
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }).filter(event -> callId.equals(event.path("data").path("callId").asText())).toList();
    }

    /** What the sandbox's callee heard on this call. */
    private static JsonPath heard(String sid) {
        return twilio().when().get(TWILIO_ACCOUNT + "/OutgoingCalls/" + sid + ".json").then().statusCode(200)
                .extract().jsonPath();
    }
}
