package dev.callbridge.call;

import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callbridge.sandbox.MagicNumbers;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connect modes with zero accounts: the sandbox's Twilio dials with Callbridge's connect URL,
 * fetches the TwiML when its callee answers (signed, like Twilio) and joins the agent call behind
 * the stream; an on-answer call nobody answers never makes an agent call.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ConnectModesSandboxTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    CallLedger ledger;

    private String agentId;

    @BeforeEach
    void agent() {
        agentId = api().body("""
                {"name": "connect_%s", "callTemplate": {"systemPrompt": "Remind {{patient}} of the appointment."}}
                """.formatted(UUID.randomUUID().toString().substring(0, 8)))
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
    }

    private String place(String mode, String to) {
        return api().body("{\"to\": \"" + to + "\", \"connectMode\": \"" + mode + "\", \"templateContext\": "
                        + "{\"patient\": \"Ada\"}}")
                .post("/api/v1/agents/{agentId}/calls", agentId).then().statusCode(201)
                .extract().path("placementId");
    }

    private CallPlacement ended(String placementId) {
        await().atMost(WAIT).until(() -> ledger.find(placementId).await().atMost(WAIT).orElseThrow().ended());
        return ledger.find(placementId).await().atMost(WAIT).orElseThrow();
    }

    @Test
    void aParallelCallIsAnsweredWithTheAgentsStreamAndTalks() {
        CallPlacement call = ended(place("parallel", "+14155550123"));

        assertThat(call.connection().mode()).isEqualTo(ConnectMode.PARALLEL);
        assertThat(call.twilioStatus()).isEqualTo("completed");
        assertThat(call.conversation().joined()).as("the stream joined the agent call").isNotNull();
    }

    @Test
    void anOnAnswerCallMakesItsAgentCallWhenAnsweredAndTalks() {
        CallPlacement call = ended(place("on-answer", "+14155550123"));

        assertThat(call.callId()).isNotNull();
        assertThat(call.connection().agentClaimedAt()).isNotNull();
        assertThat(call.twilioStatus()).isEqualTo("completed");
        assertThat(call.conversation().joined()).isNotNull();
        api().get("/api/v1/calls/{id}", call.callId()).then().statusCode(200);
    }

    @Test
    void anOnAnswerCallNobodyAnswersOrThatIsBusyNeverMakesAnAgentCall() {
        String unanswered = place("on-answer", MagicNumbers.NEVER_ANSWERS);
        String busy = place("on-answer", MagicNumbers.BUSY);

        for (CallPlacement call : new CallPlacement[] {ended(unanswered), ended(busy)}) {
            assertThat(call.callId()).isNull();
            assertThat(call.connection().agentClaimedAt()).isNull();
            assertThat(call.conversation().joined()).isNull();
        }
        assertThat(ended(unanswered).twilioStatus()).isEqualTo("no-answer");
        assertThat(ended(busy).twilioStatus()).isEqualTo("busy");
    }

    @Test
    void aParallelCallNobodyAnswersReleasesItsAgentCall() {
        CallPlacement call = ended(place("parallel", MagicNumbers.NEVER_ANSWERS));

        assertThat(call.callId()).isNotNull();
        assertThat(call.conversation().endReason()).isEqualTo("unjoined");
    }
}
