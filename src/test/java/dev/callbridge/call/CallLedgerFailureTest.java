package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.SID;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a placement does when the ledger cannot write: before the first vendor request, and after. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallLedgerFailureTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
    }

    @Test
    void aPlacementTheLedgerCannotRecordIsRefusedBeforeAnyVendorRequest() {
        QuarkusMock.installMockForType(new FailingLedger(Set.of(CallPlacement.State.ACCEPTED)), CallLedger.class);
        double before = refusals();

        api().body("{\"to\": \"+14155550123\"}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", equalTo("https://callbridge.dev/problems/store-unavailable"));

        wireMock.verify(0, anyRequestedFor(anyUrl()));
        assertThat(refusals() - before).isEqualTo(1.0);
    }

    private static double refusals() {
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        return metrics.lines().filter(line -> line.startsWith("callbridge_calls_total{outcome=\"ledger_unavailable\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0.0);
    }

    @Test
    void aDialThatCannotBeRecordedFirstIsNotMadeAndItsUltravoxCallIsDeleted() {
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        QuarkusMock.installMockForType(new FailingLedger(Set.of(CallPlacement.State.DIALING)), CallLedger.class);

        api().body("{\"to\": \"+14155550123\"}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://callbridge.dev/problems/store-unavailable"))
                .body("detail", containsString("not dialled"));

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CallFixtures.CALLS_PATH)));
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    @Test
    void aDialledCallWhoseLastStepCannotBeRecordedIsStillAnsweredAndLoggedMasked() {
        QuarkusMock.installMockForType(new FailingLedger(Set.of(CallPlacement.State.DIALED)), CallLedger.class);

        try (LogCapture logs = LogCapture.install()) {
            api().body("{\"to\": \"+14155550123\"}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                    .then().statusCode(201)
                    .body("callId", equalTo(CALL_ID)).body("twilioCallSid", equalTo(SID));

            String errors = logs.text().lines().filter(line -> line.startsWith("SEVERE") || line.startsWith("ERROR"))
                    .filter(line -> line.contains("ledger did not record")).reduce("", (a, b) -> a + b + "\n");
            assertThat(errors).contains("reached dialed").contains(CALL_ID)
                    .contains(SID).contains("+1******0123").doesNotContain("4155550123");
        }
        wireMock.verify(0, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    @Test
    void aPlacementRecoverySettledBeforeItsDialIsNotDialled() {
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        QuarkusMock.installMockForType(new SettlingLedger(CallPlacement.State.DIALING), CallLedger.class);

        api().body("{\"to\": \"+14155550123\"}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("https://callbridge.dev/problems/placement-interrupted"));

        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CallFixtures.CALLS_PATH)));
        // Recovery may have looked before Ultravox answered: the pipeline deletes the call itself.
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + CALL_ID)));
    }

    @Test
    void aDialledCallWhosePlacementRecoverySettledMeanwhileIsHungUp() {
        wireMock.stubFor(get(urlPathEqualTo(CallFixtures.CALL_PATH))
                .willReturn(CallFixtures.json(200, CallFixtures.twilioCall(SID, "queued", null))));
        wireMock.stubFor(post(urlPathEqualTo(CallFixtures.CALL_PATH))
                .willReturn(CallFixtures.json(200, CallFixtures.twilioCall(SID, "canceled", null))));
        QuarkusMock.installMockForType(new SettlingLedger(CallPlacement.State.DIALED), CallLedger.class);

        api().body("{\"to\": \"+14155550123\"}").when().post("/api/v1/agents/{agentId}/calls", AGENT_ID)
                .then().statusCode(503)
                .body("type", equalTo("https://callbridge.dev/problems/placement-interrupted"));

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CallFixtures.CALL_PATH))
                .withRequestBody(containing("Status=canceled")));
    }

    /** A memory ledger whose writes a subclass intercepts; every read goes to the memory ledger. */
    private abstract static class InterceptedLedger implements CallLedger {
        final InMemoryCallLedger delegate = new InMemoryCallLedger(100, Duration.ofHours(1), Clock.systemUTC());

        @Override
        public Uni<Boolean> saveNew(CallPlacement placement) {
            return delegate.saveNew(placement);
        }

        @Override
        public Uni<Optional<CallPlacement>> find(String id) {
            return delegate.find(id);
        }

        @Override
        public Uni<LedgerPage> list(LedgerQuery query) {
            return delegate.list(query);
        }

        @Override
        public Uni<List<CallPlacement>> claimUnsettled(Instant acceptedBefore, Duration lease, int limit) {
            return delegate.claimUnsettled(acceptedBefore, lease, limit);
        }

        @Override
        public Uni<Recorded> recordEvent(String twilioCallSid, CallEvent event) {
            return delegate.recordEvent(twilioCallSid, event);
        }

        @Override
        public Uni<Recorded> recordConversation(String ultravoxCallId, ConversationEvent event) {
            return delegate.recordConversation(ultravoxCallId, event);
        }

        @Override
        public Uni<java.util.Optional<CallPlacement>> claimAgentCall(String placementId, String sid, Instant at) {
            return delegate.claimAgentCall(placementId, sid, at);
        }

        @Override
        public Uni<Boolean> attachAgentCall(String placementId, String callId, Instant created, Instant at) {
            return delegate.attachAgentCall(placementId, callId, created, at);
        }

        @Override
        public Uni<Recorded> amend(String placementId, java.util.function.UnaryOperator<CallPlacement> change) {
            return delegate.amend(placementId, change);
        }

        @Override
        public Uni<List<CallPlacement>> claimFollowUps(Duration lease, int limit) {
            return delegate.claimFollowUps(lease, limit);
        }

        @Override
        public Uni<Void> postponeFollowUp(String placementId, Instant next) {
            return delegate.postponeFollowUp(placementId, next);
        }

        @Override
        public Uni<Void> markAnnounced(String placementId) {
            return delegate.markAnnounced(placementId);
        }

        @Override
        public Uni<List<CallPlacement>> claimUnannounced(Instant finalBefore, Duration lease, int limit) {
            return delegate.claimUnannounced(finalBefore, lease, limit);
        }

        @Override
        public Uni<Void> holdEarlyEvent(String twilioCallSid, CallEvent event) {
            return delegate.holdEarlyEvent(twilioCallSid, event);
        }

        @Override
        public Uni<List<CallEvent>> earlyEvents(String twilioCallSid) {
            return delegate.earlyEvents(twilioCallSid);
        }

        @Override
        public Uni<Void> forgetEarlyEvents(String twilioCallSid, List<Long> sequenceNumbers) {
            return delegate.forgetEarlyEvents(twilioCallSid, sequenceNumbers);
        }

        @Override
        public Uni<List<CallEvent>> events(String placementId) {
            return delegate.events(placementId);
        }
    }

    /**
     * A memory ledger on which recovery settles the placement (compensated) just before the
     * pipeline writes the given step, as when a placement outlives the stale age.
     */
    private static final class SettlingLedger extends InterceptedLedger {
        private final CallPlacement.State settledAt;

        SettlingLedger(CallPlacement.State settledAt) {
            this.settledAt = settledAt;
        }

        @Override
        public Uni<Boolean> save(CallPlacement placement) {
            return placement.state() != settledAt ? delegate.save(placement)
                    : delegate.find(placement.placementId())
                            .flatMap(stored -> delegate.save(stored.orElseThrow()
                                    .compensated(PlacementRecovery.INTERRUPTED, Instant.now())))
                            .flatMap(settled -> delegate.save(placement));
        }
    }

    /** A memory ledger whose writes of the given steps fail, as a database outage would. */
    private static final class FailingLedger extends InterceptedLedger {
        private final Set<CallPlacement.State> failing;

        FailingLedger(Set<CallPlacement.State> failing) {
            this.failing = failing;
        }

        @Override
        public Uni<Boolean> save(CallPlacement placement) {
            return failing.contains(placement.state())
                    ? Uni.createFrom().failure(new IllegalStateException("database down"))
                    : delegate.save(placement);
        }
    }
}
