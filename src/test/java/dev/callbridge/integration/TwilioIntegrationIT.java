package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twilio through Callbridge: placing calls, the TwiML that connects them to the agent, hanging
 * up, and Twilio's refusals as Callbridge reports them. Every call starts with an Ultravox
 * call, so the tests that place one need Ultravox credentials too (tag {@code ultravox}).
 */
@QuarkusIntegrationTest
@WithTestResource(TargetConfiguration.class)
@RequiresCredentials
@Tag(SuiteTags.TWILIO)
class TwilioIntegrationIT {

    private static final String PROBLEMS = "https://callbridge.dev/problems/";

    @RegisterExtension
    static final CreatedResources created = CreatedResources.integration();

    private final CallbridgeApi api = CallbridgeApi.local();

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void placesACall() {
        String agent = created.agent(Fixtures.callTemplate());

        Reply call = created.placeCall(agent, Fixtures.call());

        assertThat(call.status()).as("%s", call).isEqualTo(201);
        assertThat(call.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/calls/" + call.field("callId")));
        assertThat(call.field("twilioCallSid")).matches("CA[0-9a-fA-F]{32}");
        assertThat(call.field("agentId")).isEqualTo(agent);
        assertThat(call.field("to")).isEqualTo(IntegrationTarget.phoneNumber());
        assertThat(call.field("from")).startsWith("+");
        assertThat(call.field("status")).isIn("queued", "initiated", "ringing");
    }

    /**
     * The TwiML Callbridge hands Twilio must connect the phone leg to the Ultravox call's join
     * URL. The sandbox joins the agent only through a well-formed
     * {@code <Connect><Stream url="joinUrl">}, so a joined conversation proves the TwiML.
     * Against real services joining needs someone to answer the phone, so there the test
     * only checks that Twilio accepted the call.
     */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void twimlConnectsThePhoneLegToTheAgent() {
        String agent = created.agent(Fixtures.callTemplate());
        Reply call = created.placeCall(agent, Fixtures.call());
        assertThat(call.status()).as("%s", call).isEqualTo(201);
        assumeTrue(IntegrationTarget.sandbox(), "Joining the agent needs the callee to answer; "
                + "against real services only Twilio's acceptance of the TwiML is checked");

        JsonNode details = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/calls/" + call.field("callId")).json(),
                        d -> d.at("/ultravox/ended").isTextual());

        assertThat(details.at("/ultravox/joined").isTextual()).as("joined: %s", details).isTrue();
        assertThat(details.at("/ultravox/endReason").asText()).isEqualTo("hangup");
        assertThat(details.at("/twilio/status").asText()).isEqualTo("completed");
    }

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void hangingUpIsRepeatable() {
        String agent = created.agent(Fixtures.callTemplate());
        Reply call = created.placeCall(agent, Fixtures.call());
        assertThat(call.status()).as("%s", call).isEqualTo(201);

        assertThat(api.delete("/api/v1/calls/" + call.field("callId")).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/calls/" + call.field("callId")).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/calls/" + call.field("callId")).json().at("/twilio/status").asText(),
                        s -> s.equals("completed") || s.equals("canceled"));
    }

    @Test
    void refusesAnInvalidToBeforeDialling() {
        for (String to : new String[] {"4155550123", "+1 555 01", "+15551234567", "call me"}) {
            Reply reply = api.placeCall(Fixtures.unknownId(), Fixtures.call().put("to", to));

            assertThat(reply.status()).as("to=%s: %s", to, reply).isEqualTo(400);
            assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("to");
        }
    }

    @Test
    void refusesAnInvalidFromBeforeDialling() {
        Reply reply = api.placeCall(Fixtures.unknownId(), Fixtures.call().put("from", "+1 (555) 0"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "validation");
        assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText()).contains("from");
    }

    /** Twilio itself refuses a caller id the account does not own; the destination is still the suite's number. */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void reportsACallerIdTwilioRefuses() {
        String agent = created.agent(Fixtures.callTemplate());

        Reply reply = created.placeCall(agent, Fixtures.call().put("from", SandboxNumbers.INVALID_CALLER_ID));

        assertThat(reply.status()).as("%s", reply).isEqualTo(422);
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "phone-number-rejected");
        assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("from");
    }

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void reportsADestinationTwilioRefuses() {
        assumeTrue(IntegrationTarget.sandbox(), "Would dial a number other than TEST_PHONE_NUMBER; "
                + "only the sandbox's magic numbers are safe to refuse");
        String agent = created.agent(Fixtures.callTemplate());

        Reply reply = created.placeCall(agent, Fixtures.call().put("to", SandboxNumbers.TWILIO_REFUSES));

        assertThat(reply.status()).as("%s", reply).isEqualTo(422);
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "phone-number-rejected");
        assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("to");
    }

    /** Ultravox refuses the call before Twilio is asked, so nobody is dialled. */
    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void callForAnUnknownAgentAnswers404() {
        String unknown = Fixtures.unknownId();

        Reply reply = api.placeCall(unknown, Fixtures.call());

        assertThat(reply.status()).as("%s", reply).isEqualTo(404);
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "not-found");
        assertThat(reply.field("detail")).contains(unknown);
    }

    @Test
    void unknownCallAnswers404() {
        Reply reply = api.get("/api/v1/calls/" + Fixtures.unknownId());

        assertThat(reply.status()).as("%s", reply).isEqualTo(404);
        assertThat(reply.field("type")).isEqualTo(PROBLEMS + "not-found");
    }
}
