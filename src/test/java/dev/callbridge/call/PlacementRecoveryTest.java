package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static dev.callbridge.testing.Api.api;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.call.CallPlacement.State;
import dev.callbridge.idempotency.Idempotency;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recovery settles each kind of abandoned placement by what the vendors say it left behind,
 * and leaves alone what is young, settled, or cannot be checked now. The placements are
 * written to the ledger as a killed process leaves them; the vendors are WireMock.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class PlacementRecoveryTest {

    private static final String TO = "+14155550123";
    private static final String FROM = WireMockVendors.TWILIO_NUMBER;
    private static final String TWILIO_LIST = "/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls.json";
    private static final String RETRIED_BODY = "{\"to\": \"" + TO + "\"}";

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    CallLedger ledger;

    @Inject
    PlacementReconciler reconciler;

    @Inject
    MeterRegistry registry;

    @Inject
    Idempotency idempotency;

    /** When the abandoned placements of a test were accepted: longer ago than the stale age. */
    private Instant abandonedAt;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(delete(urlPathMatching("/api/calls/.*")).willReturn(aResponse().withStatus(204)));
        abandonedAt = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        // The agent call of a dialing placement: never joined, still waiting.
        wireMock.stubFor(get(urlPathMatching("/api/calls/.+")).atPriority(10)
                .willReturn(CallFixtures.json(200, agentCall("any", false, null))));
        // Placements other tests left unsettled are claimed and settled here, out of the way.
        stubUltravoxCallsOfAnyPlacement("[]");
        stubTwilioCalls("[]");
        drain();
        wireMock.resetRequests();
    }

    @Test
    void anAcceptedPlacementWhoseUltravoxCallExistsHasItDeleted() {
        CallPlacement placement = abandonedAccepted();
        String callId = UUID.randomUUID().toString();
        stubUltravoxCallsOfAnyPlacement("[" + ultravoxCall(callId, placement.placementId()) + "]");

        reconcile();

        CallPlacement settled = stored(placement);
        assertThat(settled.state()).isEqualTo(State.COMPENSATED);
        assertThat(settled.callId()).isEqualTo(callId);
        assertThat(settled.error()).isEqualTo(new CallPlacement.Failure("placement-interrupted", 503));
        wireMock.verify(getRequestedFor(urlPathEqualTo("/api/calls"))
                .withQueryParam("metadata.callbridge.placementId", equalTo(placement.placementId()))
                .withQueryParam("fromDate", com.github.tomakehurst.wiremock.client.WireMock.matching(".+"))
                .withQueryParam("toDate", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + callId)));
    }

    @Test
    void aListThatIgnoredTheTagFilterProvesNothingAndDeletesNothing() {
        CallPlacement placement = abandonedAccepted();
        stubUltravoxCallsOfAnyPlacement("[" + ultravoxCall("other-call", "other-placement") + "]");

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.ACCEPTED);
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    @Test
    void aDialingPlacementWhoseAgentCallWasJoinedTakesTheSidUltravoxRecorded() {
        CallPlacement placement = save(dialing());
        String joinedSid = sid();
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + placement.callId())).willReturn(CallFixtures.json(200,
                agentCall(placement.callId(), true, joinedSid))));
        wireMock.stubFor(get(urlPathEqualTo("/2010-04-01/Accounts/" + WireMockVendors.TWILIO_SID + "/Calls/"
                + joinedSid + ".json")).willReturn(CallFixtures.json(200, twilioCall(joinedSid, "in-progress",
                placement.steps().get(State.DIALING)))));
        // Twilio's list offers another call first: the joined stream's SID wins.
        stubTwilioCalls("[" + twilioCall(sid(), "queued", placement.steps().get(State.DIALING)) + "]");

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.DIALED);
        assertThat(stored(placement).twilioCallSid()).isEqualTo(joinedSid);
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    @Test
    void aTwilioCallCreatedLongAfterTheDialIsNotThisPlacements() {
        CallPlacement placement = save(dialing());
        stubTwilioCalls("[" + twilioCall(sid(), "ringing", placement.steps().get(State.DIALING).plusSeconds(300)) + "]");

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.COMPENSATED);
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + placement.callId())));
    }

    @Test
    void aJoinedAgentCallIsNeverDeleted() {
        CallPlacement placement = save(dialing());
        wireMock.stubFor(get(urlPathEqualTo("/api/calls/" + placement.callId())).willReturn(CallFixtures.json(200,
                agentCall(placement.callId(), true, null))));

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.FAILED);
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    @Test
    void anAcceptedPlacementThatCreatedNothingFails() {
        CallPlacement placement = abandonedAccepted();

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.FAILED);
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    @Test
    void aPlacementKilledBeforeDialingHasItsUltravoxCallDeleted() {
        CallPlacement placement = save(abandonedAccepted().ultravoxCreated("uv-" + UUID.randomUUID(), null,
                abandonedAt.plusMillis(200)));

        reconcile();

        CallPlacement settled = stored(placement);
        assertThat(settled.state()).isEqualTo(State.COMPENSATED);
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + placement.callId())));
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(TWILIO_LIST)));
    }

    @Test
    void aPlacementKilledWhileDialingThatReachedTwilioIsRecordedAsDialed() {
        CallPlacement placement = save(dialing());
        String sid = sid();
        // An older call to the same number belongs to an earlier placement.
        stubTwilioCalls("[" + twilioCall(sid, "in-progress", placement.steps().get(State.DIALING).plusSeconds(1))
                + ", " + twilioCall(sid(), "completed", abandonedAt.minusSeconds(600)) + "]");

        try (LogCapture logs = LogCapture.install()) {
            reconcile();

            assertThat(logs.text()).contains("Recovered placement " + placement.placementId())
                    .contains("+1******0123").doesNotContain("4155550123");
        }

        CallPlacement settled = stored(placement);
        assertThat(settled.state()).isEqualTo(State.DIALED);
        assertThat(settled.twilioCallSid()).isEqualTo(sid);
        assertThat(settled.twilioStatus()).isEqualTo("in-progress");
        assertThat(ledgerFinds(sid)).isEqualTo(placement.placementId());
        wireMock.verify(getRequestedFor(urlPathEqualTo(TWILIO_LIST)).withQueryParam("To", equalTo(TO))
                .withQueryParam("From", equalTo(FROM)));
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
    }

    @Test
    void aPlacementKilledWhileDialingThatNeverReachedTwilioHasItsUltravoxCallDeleted() {
        // The only recent call to the number is another placement's.
        CallPlacement other = save(dialing().dialed(sid(), "queued", abandonedAt.plusSeconds(1), null));
        CallPlacement placement = save(dialing());
        stubTwilioCalls("[" + twilioCall(other.twilioCallSid(), "queued", abandonedAt.plusSeconds(1)) + "]");

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.COMPENSATED);
        assertThat(stored(placement).twilioCallSid()).isNull();
        assertThat(stored(other).state()).isEqualTo(State.DIALED);
        wireMock.verify(1, deleteRequestedFor(urlPathEqualTo("/api/calls/" + placement.callId())));
    }

    @Test
    void anUltravoxCallAlreadyGoneCountsAsDeleted() {
        CallPlacement placement = save(abandonedAccepted().ultravoxCreated("uv-gone", null, abandonedAt));
        wireMock.stubFor(delete(urlPathEqualTo("/api/calls/uv-gone")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\": \"Not found.\"}")));

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.COMPENSATED);
    }

    @Test
    void aPlacementThatCannotBeCheckedNowStaysClaimedAndUnsettled() {
        CallPlacement placement = save(dialing());
        wireMock.stubFor(get(urlPathEqualTo(TWILIO_LIST)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"code\": 20500, \"status\": 500}")));
        double failuresBefore = registry.counter("callbridge.calls.recovery.failures").count();

        reconcile();

        assertThat(stored(placement).state()).isEqualTo(State.DIALING);
        assertThat(registry.counter("callbridge.calls.recovery.failures").count() - failuresBefore).isEqualTo(1.0);
        wireMock.verify(0, deleteRequestedFor(urlPathMatching("/api/calls/.*")));
        // Claimed until its lease lapses: the next pass does not try again at once.
        wireMock.resetRequests();
        reconcile();
        wireMock.verify(0, getRequestedFor(urlPathEqualTo(TWILIO_LIST)));
    }

    @Test
    void youngAndSettledPlacementsAreLeftAlone() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CallPlacement young = save(CallPlacement.accepted(UUID.randomUUID().toString(), CallFixtures.AGENT_ID, TO,
                FROM, now));
        CallPlacement failed = save(abandonedAccepted().failed(new CallPlacement.Failure("upstream-error", 502),
                abandonedAt.plusSeconds(1)));

        reconcile();

        assertThat(stored(young)).isEqualTo(young);
        assertThat(stored(failed)).isEqualTo(failed);
        wireMock.verify(0, getRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aRetryOfAPlacementRecoveryFoundDialledReplaysItsAnswerInsteadOfDialling() {
        String key = "recovered-" + UUID.randomUUID();
        String sid = sid();
        CallPlacement placement = save(underKeyHeldByADeadProcess(key, dialing()));
        stubTwilioCalls("[" + twilioCall(sid, "ringing", placement.steps().get(State.DIALING).plusSeconds(1)) + "]");

        reconcile();

        api().header("Idempotency-Key", key).body(RETRIED_BODY)
                .when().post("/api/v1/agents/{agentId}/calls", CallFixtures.AGENT_ID)
                .then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", "/api/v1/calls/" + placement.callId())
                .body("callId", org.hamcrest.Matchers.equalTo(placement.callId()))
                .body("twilioCallSid", org.hamcrest.Matchers.equalTo(sid))
                .body("status", org.hamcrest.Matchers.equalTo("ringing"));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CallFixtures.ULTRAVOX_CREATE)));
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(TWILIO_LIST)));
    }

    @Test
    void aRetryOfAPlacementRecoveryCompensatedPlacesTheCallAnew() {
        String key = "recovered-" + UUID.randomUUID();
        save(underKeyHeldByADeadProcess(key, dialing()));
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());

        // Held by the dead process, the key makes a retry wait; settled by recovery, it is free.
        api().header("Idempotency-Key", key).body(RETRIED_BODY)
                .when().post("/api/v1/agents/{agentId}/calls", CallFixtures.AGENT_ID)
                .then().statusCode(409);
        reconcile();

        api().header("Idempotency-Key", key).body(RETRIED_BODY)
                .when().post("/api/v1/agents/{agentId}/calls", CallFixtures.AGENT_ID)
                .then().statusCode(201)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("twilioCallSid", org.hamcrest.Matchers.equalTo(CallFixtures.SID));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CallFixtures.ULTRAVOX_CREATE)));
    }

    /**
     * Claims {@code key} as a request of {@link #RETRIED_BODY} does, by a process that dies before
     * it answers (its action never ends), and ties the placement to it.
     */
    private CallPlacement underKeyHeldByADeadProcess(String key, CallPlacement placement) {
        idempotency.run(key, Api.KEY, "POST", "/api/v1/agents/" + CallFixtures.AGENT_ID + "/calls",
                new PlaceCallRequest(TO, null, null, null, null, null, null, null, null, null, null, null),
                scoped -> Uni.createFrom().nothing()).subscribe().with(response -> { });
        return placement.underIdempotencyKey(Idempotency.scope(Api.KEY, key));
    }

    private void reconcile() {
        reconciler.reconcile().await().atMost(Duration.ofSeconds(20));
    }

    private void drain() {
        while (reconciler.reconcile().await().atMost(Duration.ofSeconds(20)) > 0) {
            // Until no abandoned placement is left.
        }
    }

    private CallPlacement abandonedAccepted() {
        return save(CallPlacement.accepted(UUID.randomUUID().toString(), CallFixtures.AGENT_ID, TO, FROM, abandonedAt));
    }

    private CallPlacement dialing() {
        return abandonedAccepted().ultravoxCreated("uv-" + UUID.randomUUID(), null, abandonedAt.plusMillis(200))
                .dialing(abandonedAt.plusMillis(201));
    }

    private CallPlacement save(CallPlacement placement) {
        assertThat(ledger.save(placement).await().atMost(Duration.ofSeconds(5))).isTrue();
        return placement;
    }

    private CallPlacement stored(CallPlacement placement) {
        return ledger.find(placement.placementId()).await().atMost(Duration.ofSeconds(5)).orElseThrow();
    }

    private String ledgerFinds(String id) {
        return ledger.find(id).await().atMost(Duration.ofSeconds(5)).orElseThrow().placementId();
    }

    private void stubUltravoxCallsOfAnyPlacement(String results) {
        wireMock.stubFor(get(urlPathEqualTo("/api/calls")).willReturn(CallFixtures.json(200,
                "{\"results\": " + results + ", \"next\": null, \"previous\": null, \"total\": 0}")));
    }

    private void stubTwilioCalls(String calls) {
        wireMock.stubFor(get(urlPathEqualTo(TWILIO_LIST)).willReturn(CallFixtures.json(200, """
                {"calls": %s, "page": 0, "page_size": 20, "start": 0, "end": 0,
                 "uri": "%s?PageSize=20&Page=0", "first_page_uri": "%s?PageSize=20&Page=0",
                 "next_page_uri": null, "previous_page_uri": null}""".formatted(calls, TWILIO_LIST, TWILIO_LIST))));
    }

    private static String ultravoxCall(String callId, String placementId) {
        return """
                {"callId": "%s", "agentId": "%s", "created": "%s", "joined": null, "ended": null,
                 "metadata": {"callbridge.placementId": "%s"}}""".formatted(callId, CallFixtures.AGENT_ID,
                Instant.now(), placementId);
    }

    private static String agentCall(String callId, boolean joined, String twilioSid) {
        return """
                {"callId": "%s", "agentId": "%s", "created": "%s", "joined": %s, "ended": null,
                 "metadata": {%s}}""".formatted(callId, CallFixtures.AGENT_ID, Instant.now(),
                joined ? "\"" + Instant.now() + "\"" : "null",
                twilioSid == null ? "" : "\"ultravox.twilio.call_sid\": \"" + twilioSid + "\"");
    }

    private static String twilioCall(String sid, String status, Instant created) {
        // Twilio's RFC 2822 form, always with a two-digit day and a numeric offset.
        String at = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
                .format(ZonedDateTime.ofInstant(created, ZoneOffset.UTC));
        return """
                {"sid": "%s", "account_sid": "%s", "to": "%s", "from": "%s", "status": "%s",
                 "date_created": "%s", "date_updated": "%s", "start_time": null, "end_time": null,
                 "duration": null, "direction": "outbound-api", "api_version": "2010-04-01"}"""
                .formatted(sid, WireMockVendors.TWILIO_SID, TO, FROM, status, at, at);
    }

    private static String sid() {
        return "CA" + UUID.randomUUID().toString().replace("-", "");
    }
}
