package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.sandbox.SandboxCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inbound calls: numbers routed to agents, and callers dialling them. Against the sandbox its
 * simulated Twilio rings the numbers, sending Callbridge the signed voice webhook as Twilio
 * would, so the whole path runs: route, webhook, the agent's stream or the fallback, the ledger.
 * Against real services nobody rings a number: there the tests only configure and check routes,
 * which involves Ultravox (the agent must exist) and never Twilio.
 */
@QuarkusIntegrationTest
@WithTestResource(TargetConfiguration.class)
@RequiresCredentials
@Tag(SuiteTags.INBOUND)
class InboundCallsIT {

    private static final String PROBLEMS = "https://callbridge.dev/problems/";
    private static final String SANDBOX_ONLY = "Rings a number through the sandbox's simulated Twilio; "
            + "against real services routes are only configured, never called";
    private static final String CALLER = IntegrationTarget.SANDBOX_PHONE_NUMBER;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Fictional numbers (555-0100 to 555-0199) for the sandbox's routes, a fresh one per use. */
    private static final AtomicInteger NEXT_NUMBER = new AtomicInteger(ThreadLocalRandom.current().nextInt(100));

    @RegisterExtension
    static final CreatedResources created = CreatedResources.integration();

    private final CallbridgeApi api = CallbridgeApi.local();
    private final SandboxPhone phone = SandboxPhone.local();

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    @Tag(SuiteTags.TWILIO)
    void aCallToARoutedNumberIsAnsweredByItsAgentAndLedgered() {
        assumeTrue(IntegrationTarget.sandbox(), SANDBOX_ONLY);
        String agent = created.agent(Fixtures.callTemplate());
        String number = routedTo(agent);

        String sid = ring(CALLER, number);

        JsonNode heard = answered(sid);
        assertThat(heard.at("/heard/stream").asBoolean()).as("%s", heard).isTrue();
        assertThat(heard.at("/heard/say").isNull()).as("%s", heard).isTrue();
        JsonNode listed = listedFor(agent, sid).orElseThrow(() -> new AssertionError("call " + sid + " not listed"));
        assertThat(listed.path("direction").asText()).isEqualTo("inbound");
        assertThat(listed.path("to").asText()).isEqualTo(number);
        assertThat(listed.path("from").asText()).isEqualTo(CALLER);
        assertThat(listed.path("agentId").asText()).isEqualTo(agent);

        JsonNode details = ended(sid);
        assertThat(details.path("callId").asText()).isEqualTo(heard.at("/heard/agentCallId").asText());
        assertThat(details.at("/placement/direction").asText()).isEqualTo("inbound");
        assertThat(details.path("to").asText()).isEqualTo(number);
        assertThat(details.path("from").asText()).isEqualTo(CALLER);
        // Twilio's completed and Ultravox's end may be received in either order, and each is placed
        // by when it was received: only the order of the call's own steps is fixed.
        List<String> timeline = events(details);
        assertThat(timeline).containsSubsequence("accepted", "dialed", "joined", "ended").contains("completed");
        assertThat(phone.heard(sid).json().path("status").asText()).isEqualTo("completed");
    }

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    @Tag(SuiteTags.TWILIO)
    void aCallToAnUnroutedNumberHearsTheFallbackAndLeavesNoLedgerEntry() {
        assumeTrue(IntegrationTarget.sandbox(), SANDBOX_ONLY);
        String unrouted = freshNumber();
        assertThat(api.get(CreatedResources.numberPath(unrouted)).status()).isEqualTo(404);

        String sid = ring(CALLER, unrouted);

        assertFallback(sid);
        assertThat(api.get("/api/v1/calls/" + sid).status()).isEqualTo(404);
        assertThat(StreamSupport.stream(api.get("/api/v1/calls?pageSize=100").json().path("results").spliterator(), false)
                .map(call -> call.path("twilioCallSid").asText())).doesNotContain(sid);
    }

    /**
     * A caller who stays on the line reaches the agent and is hung up through the API; once the
     * route is deleted, the next caller hears the fallback.
     */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    @Tag(SuiteTags.TWILIO)
    void afterTheRouteIsDeletedTheNextCallHearsTheFallback() {
        assumeTrue(IntegrationTarget.sandbox(), SANDBOX_ONLY);
        String agent = created.agent(Fixtures.callTemplate());
        String number = routedTo(agent);
        String first = ring(SandboxNumbers.TALKS_UNTIL_HUNG_UP, number);
        created.hangUpAfterwards(first);
        assertThat(answered(first).at("/heard/stream").asBoolean()).isTrue();
        await().atMost(WAIT).pollInterval(POLL).until(() -> events(api.get("/api/v1/calls/" + first).json()),
                events -> events.contains("joined"));
        assertThat(api.delete("/api/v1/calls/" + first).status()).isEqualTo(204);
        assertThat(events(ended(first))).containsSubsequence("joined", "ended");

        assertThat(api.delete(CreatedResources.numberPath(number)).status()).isEqualTo(204);
        assertThat(api.get(CreatedResources.numberPath(number)).status()).isEqualTo(404);
        String second = ring(CALLER, number);

        assertFallback(second);
        assertThat(api.get("/api/v1/calls/" + second).status()).isEqualTo(404);
    }

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    @Tag(SuiteTags.TWILIO)
    void aRouteToADeletedAgentHearsTheFallback() {
        assumeTrue(IntegrationTarget.sandbox(), SANDBOX_ONLY);
        String agent = created.agent(Fixtures.callTemplate());
        String number = routedTo(agent);
        assertThat(api.delete("/api/v1/agents/" + agent).status()).isEqualTo(204);

        String sid = ring(CALLER, number);

        assertFallback(sid);
        JsonNode placement = api.get("/api/v1/calls?agentId=" + agent).json().path("results");
        assertThat(placement).as("%s", placement).hasSize(1);
        assertThat(placement.get(0).path("twilioCallSid").asText()).isEqualTo(sid);
        assertThat(placement.get(0).path("state").asText()).isEqualTo("failed");
        assertThat(placement.get(0).has("callId")).as("no Ultravox call: %s", placement).isFalse();
    }

    /**
     * Configures the route of the account's own number and reads it back, without a call: the
     * one inbound test that runs against real services too (Ultravox is asked whether the agent
     * exists; Twilio is never asked anything).
     */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void routesANumberReadsListsAndDeletesTheRoute() {
        String number = accountNumber();
        String agent = created.agent(Fixtures.callTemplate());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("agentId", agent)
                .put("greeting", "Thank you for calling the Callbridge integration suite.");
        body.putObject("templateContext").put("line", "integration");
        body.putObject("metadata").put("suite", CreatedResources.RUN);

        Reply put = created.routeNumber(number, body);

        assertThat(put.status()).as("%s", put).isEqualTo(201);
        assertThat(put.header("Location")).hasValue("/api/v1/numbers/" + number.replace("+", "%2B"));
        assertRoute(put.json(), number, agent);
        Reply read = api.get(CreatedResources.numberPath(number));
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertRoute(read.json(), number, agent);
        assertThat(read.json().path("createdAt").asText()).isEqualTo(put.json().path("createdAt").asText());
        assertThat(api.allRoutes()).extracting(route -> route.path("number").asText()).contains(number);

        Reply again = created.routeNumber(number, body);
        assertThat(again.status()).as("repeated: %s", again).isEqualTo(200);
        assertThat(again.json().path("createdAt").asText()).isEqualTo(put.json().path("createdAt").asText());

        assertThat(api.delete(CreatedResources.numberPath(number)).status()).isEqualTo(204);
        assertThat(api.get(CreatedResources.numberPath(number)).status()).isEqualTo(404);
        assertThat(api.delete(CreatedResources.numberPath(number)).status()).isEqualTo(404);
        assertThat(api.allRoutes()).extracting(route -> route.path("number").asText()).doesNotContain(number);
    }

    /** Ultravox answers that the agent does not exist; nothing is stored. The number is never called. */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void aRouteToAnUnknownAgentIsRefused() {
        String number = freshNumber();
        String unknown = Fixtures.unknownId();

        Reply reply = created.routeNumber(number, JsonNodeFactory.instance.objectNode().put("agentId", unknown));

        assertThat(reply.status()).as("%s", reply).isEqualTo(422);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "unknown-agent");
        assertThat(reply.field("detail")).contains(unknown);
        assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("agentId");
        assertThat(api.get(CreatedResources.numberPath(number)).status()).isEqualTo(404);
    }

    private void assertRoute(JsonNode route, String number, String agent) {
        assertThat(route.path("number").asText()).isEqualTo(number);
        assertThat(route.path("agentId").asText()).isEqualTo(agent);
        assertThat(route.path("greeting").asText()).isEqualTo("Thank you for calling the Callbridge integration suite.");
        assertThat(route.at("/templateContext/line").asText()).isEqualTo("integration");
        assertThat(route.at("/metadata/suite").asText()).isEqualTo(CreatedResources.RUN);
        Optional<String> base = publicBaseUrl();
        assertThat(textOrNull(route.path("voiceUrl"))).as("voiceUrl")
                .isEqualTo(base.map(url -> url + "/webhooks/twilio/voice").orElse(null));
        assertThat(textOrNull(route.path("statusCallbackUrl"))).as("statusCallbackUrl")
                .isEqualTo(base.map(url -> url + "/webhooks/twilio/call-status").orElse(null));
    }

    /**
     * The public base URL the launched application works with: {@code CALLBRIDGE_PUBLIC_BASE_URL}
     * (which it inherits) when set; otherwise the sandbox's own address in sandbox mode, and none
     * against real services, since the suite does not set one.
     */
    private static Optional<String> publicBaseUrl() {
        Optional<String> configured = Optional.ofNullable(System.getenv("CALLBRIDGE_PUBLIC_BASE_URL")).map(String::trim)
                .filter(url -> !url.isEmpty()).map(url -> url.replaceAll("/+$", ""));
        if (configured.isPresent() || !IntegrationTarget.sandbox()) {
            return configured;
        }
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        return Optional.of("http://localhost:" + port);
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    /** The account's number: {@code TEST_TWILIO_PHONE_NUMBER}, or the sandbox's. */
    private static String accountNumber() {
        if (IntegrationTarget.sandbox()) {
            return SandboxCredentials.TWILIO_PHONE_NUMBER;
        }
        List<TestCredentials.Credential> missing = TestCredentials.fromEnvironment()
                .missing(List.of(TestCredentials.Credential.TWILIO_PHONE_NUMBER));
        assumeTrue(missing.isEmpty(), () -> TestCredentials.skipReason(missing));
        return TestCredentials.fromEnvironment().get(TestCredentials.Credential.TWILIO_PHONE_NUMBER).orElseThrow();
    }

    private static String freshNumber() {
        return String.format("+1415555%04d", 100 + NEXT_NUMBER.getAndIncrement() % 100);
    }

    private String routedTo(String agent) {
        String number = freshNumber();
        Reply route = created.routeNumber(number, JsonNodeFactory.instance.objectNode().put("agentId", agent));
        assertThat(route.status()).as("route: %s", route).isEqualTo(201);
        return number;
    }

    private String ring(String from, String to) {
        Reply rung = phone.ring(from, to);
        assertThat(rung.status()).as("ring: %s", rung).isEqualTo(201);
        return rung.field("sid");
    }

    /** What the caller heard once Callbridge answered the voice webhook with TwiML. */
    private JsonNode answered(String sid) {
        JsonNode heard = await().atMost(WAIT).pollInterval(POLL).until(() -> phone.heard(sid).json(),
                call -> !call.at("/webhook/state").asText().equals("pending"));
        assertThat(heard.at("/webhook/state").asText()).as("%s", heard).isEqualTo("answered");
        assertThat(heard.at("/webhook/status").asInt()).as("%s", heard).isEqualTo(200);
        return heard;
    }

    /** The caller heard Callbridge's fallback message, not the agent, and the call ended. */
    private void assertFallback(String sid) {
        JsonNode heard = answered(sid);
        assertThat(heard.at("/heard/stream").asBoolean()).as("%s", heard).isFalse();
        assertThat(heard.at("/heard/agentCallId").isNull()).as("%s", heard).isTrue();
        assertThat(heard.at("/heard/say").asText()).isEqualTo(TargetConfiguration.INBOUND_FALLBACK);
        await().atMost(WAIT).pollInterval(POLL).until(() -> phone.heard(sid).json().path("status").asText(),
                "completed"::equals);
    }

    /** The call's details once the ledger records its end. */
    private JsonNode ended(String sid) {
        return await().atMost(WAIT).pollInterval(POLL).until(() -> api.get("/api/v1/calls/" + sid).json(),
                details -> details.path("endedAt").isTextual());
    }

    private Optional<JsonNode> listedFor(String agent, String sid) {
        return StreamSupport.stream(api.get("/api/v1/calls?agentId=" + agent).json().path("results").spliterator(), false)
                .filter(call -> call.path("twilioCallSid").asText().equals(sid)).findFirst();
    }

    private static List<String> events(JsonNode details) {
        return StreamSupport.stream(details.path("timeline").spliterator(), false)
                .map(entry -> entry.path("event").asText()).toList();
    }
}
