package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.MutableClock;
import dev.callbridge.call.CallPlacement.State;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CallLedger} does, run against each implementation by a subclass, so the
 * memory and the PostgreSQL ledger cannot drift apart.
 */
abstract class CallLedgerContract {

    /** How long the ledger under test keeps a placement. */
    static final Duration KEPT = Duration.ofHours(24);

    static final Instant ACCEPTED = Instant.parse("2025-12-31T23:59:58.123456Z");

    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** A ledger keeping placements for {@link #KEPT} on {@link #clock}. */
    abstract CallLedger ledger();

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    static CallPlacement accepted(String id, String agentId, Instant at) {
        return CallPlacement.accepted(id, agentId, "+14155550100", "+14155550199", at);
    }

    /** A placement that went through every step to {@code dialed}. */
    static CallPlacement dialed(String id) {
        return accepted(id, "agent-1", ACCEPTED)
                .ultravoxCreated("uv-" + id, ACCEPTED.plusMillis(5), ACCEPTED.plusMillis(10))
                .dialing(ACCEPTED.plusMillis(11))
                .dialed("CA-" + id, "queued", ACCEPTED.plusMillis(300), ACCEPTED.plusSeconds(3_700));
    }

    static LedgerQuery all(int pageSize) {
        return new LedgerQuery(null, null, null, null, null, pageSize);
    }

    static List<String> ids(LedgerPage page) {
        return page.placements().stream().map(CallPlacement::placementId).toList();
    }

    @Test
    void anInboundCallIsRecordedOnceWhateverTheRepeatsAndKeepsItsDirection() {
        CallLedger ledger = ledger();
        CallPlacement received = CallPlacement.received("in-1", "agent-1", "+14155550100", "+14155550123", "CA-in-1",
                "owner-1", ACCEPTED);

        assertThat(await(ledger.saveNew(received))).isTrue();
        assertThat(await(ledger.saveNew(received.failed(new CallPlacement.Failure("x", 500), ACCEPTED)))).isFalse();
        assertThat(await(ledger.find("CA-in-1"))).contains(received);

        CallPlacement connected = received.connected("uv-in-1", ACCEPTED.plusMillis(5), ACCEPTED.plusMillis(6),
                ACCEPTED.plusMillis(7), ACCEPTED.plusSeconds(3_700));
        assertThat(await(ledger.save(connected))).isTrue();
        CallPlacement stored = await(ledger.find("uv-in-1")).orElseThrow();
        assertThat(stored.direction()).isEqualTo(CallPlacement.Direction.INBOUND);
        assertThat(stored.twilioCallSid()).isEqualTo("CA-in-1");
        assertThat(stored.state()).isEqualTo(State.DIALED);
        assertThat(stored.steps()).containsOnlyKeys(State.ACCEPTED, State.ULTRAVOX_CREATED, State.DIALED);
        assertThat(stored.owner()).isEqualTo("owner-1");
        assertThat(await(ledger.find("p-none"))).isEmpty();
        assertThat(await(ledger.find(dialedAndSaved(ledger)))).get().extracting(CallPlacement::direction)
                .isEqualTo(CallPlacement.Direction.OUTBOUND);
    }

    @Test
    void aCallbackBeforeTheInboundCallIsConnectedKeepsItsStatus() {
        CallLedger ledger = ledger();
        CallPlacement received = CallPlacement.received("in-2", "agent-1", "+14155550100", "+14155550123", "CA-in-2",
                "owner-1", ACCEPTED);
        await(ledger.saveNew(received));

        // The caller hung up while the agent call was being created.
        assertThat(await(ledger.recordEvent("CA-in-2", event(CallEvent.UNSEQUENCED_FINAL, "completed"))).outcome())
                .isEqualTo(CallEvent.Outcome.RECORDED);
        await(ledger.save(received.connected("uv-in-2", null, ACCEPTED.plusMillis(6), ACCEPTED.plusMillis(7),
                ACCEPTED.plusSeconds(3_700))));

        assertThat(await(ledger.find("in-2")).orElseThrow().twilioStatus()).isEqualTo("completed");
    }

    /** An on-answer placement as dialled: Twilio's SID, no agent call yet, the agent request kept. */
    static CallPlacement dialedOnAnswer(String id) {
        com.fasterxml.jackson.databind.node.ObjectNode request = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("joinTimeout", "90s");
        return accepted(id, "agent-1", ACCEPTED)
                .connectingBy(new CallPlacement.Connection(ConnectMode.ON_ANSWER, MachineDetection.LEAVE_MESSAGE,
                        "Call us back", request, null, null))
                .dialing(ACCEPTED.plusMillis(1))
                .dialed("CA-" + id, "queued", ACCEPTED.plusMillis(300), ACCEPTED.plusSeconds(3_700));
    }

    @Test
    void anOnAnswerCallKeepsItsConnectionAndIsClaimedOnceThenGetsItsAgentCall() {
        CallLedger ledger = ledger();
        CallPlacement dialed = dialedOnAnswer("oa-1");
        await(ledger.save(dialed));
        assertThat(await(ledger.find("oa-1"))).contains(dialed);

        Instant claimedAt = ACCEPTED.plusSeconds(5);
        assertThat(await(ledger.claimAgentCall("oa-1", "CA-other", claimedAt))).as("another call's SID").isEmpty();
        java.util.Optional<CallPlacement> first = await(ledger.claimAgentCall("oa-1", "CA-oa-1", claimedAt));
        java.util.Optional<CallPlacement> second = await(ledger.claimAgentCall("oa-1", "CA-oa-1", claimedAt.plusSeconds(1)));
        assertThat(first).get().extracting(p -> p.connection().agentClaimedAt()).isEqualTo(claimedAt);
        assertThat(second).isEmpty();
        assertThat(await(ledger.claimAgentCall("oa-none", "CA-oa-1", claimedAt))).isEmpty();

        assertThat(await(ledger.attachAgentCall("oa-1", "uv-oa-1", ACCEPTED.plusSeconds(6), ACCEPTED.plusSeconds(7))))
                .isTrue();
        assertThat(await(ledger.attachAgentCall("oa-1", "uv-second", null, ACCEPTED.plusSeconds(8)))).isFalse();
        await(ledger.amend("oa-1", p -> p.connectingBy(p.connection().answeredBy("machine_end_beep"))));
        await(ledger.amend("oa-1", p -> p.connectingBy(p.connection().answeredBy("human"))));
        CallPlacement stored = await(ledger.find("uv-oa-1")).orElseThrow();
        assertThat(stored.placementId()).isEqualTo("oa-1");
        assertThat(stored.state()).isEqualTo(State.DIALED);
        assertThat(stored.createdAt()).isEqualTo(ACCEPTED.plusSeconds(6));
        assertThat(stored.steps().get(State.ULTRAVOX_CREATED)).isEqualTo(ACCEPTED.plusSeconds(7));
        assertThat(stored.connection()).isEqualTo(new CallPlacement.Connection(ConnectMode.ON_ANSWER,
                MachineDetection.LEAVE_MESSAGE, "Call us back", dialed.connection().agentRequest(), claimedAt,
                "machine_end_beep"));
        assertThat(await(ledger.amend("oa-none", p -> p)).outcome()).isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
    }

    @Test
    void anAgentCallRecordedBeforeTheDialedStepIsKeptByIt() {
        CallLedger ledger = ledger();
        CallPlacement dialing = dialedOnAnswer("oa-2");
        CallPlacement beforeDial = CallPlacement.accepted("oa-2", "agent-1", dialing.to(), dialing.from(), ACCEPTED)
                .connectingBy(dialing.connection()).dialing(ACCEPTED.plusMillis(1));
        await(ledger.save(beforeDial));
        // The callee answered and the connect webhook made the agent call before the pipeline wrote its dial.
        assertThat(await(ledger.claimAgentCall("oa-2", "CA-oa-2", ACCEPTED.plusMillis(2)))).isPresent();
        await(ledger.attachAgentCall("oa-2", "uv-oa-2", ACCEPTED.plusMillis(3), ACCEPTED.plusMillis(4)));
        assertThat(await(ledger.save(dialing))).isTrue();

        CallPlacement stored = await(ledger.find("oa-2")).orElseThrow();
        assertThat(stored.callId()).isEqualTo("uv-oa-2");
        assertThat(stored.twilioCallSid()).isEqualTo("CA-oa-2");
        assertThat(stored.connection().agentClaimedAt()).isEqualTo(ACCEPTED.plusMillis(2));
        assertThat(stored.steps()).containsKey(State.ULTRAVOX_CREATED);
        assertThat(stored.createdAt()).as("Ultravox's creation time").isEqualTo(ACCEPTED.plusMillis(3));
    }

    @Test
    void anUnansweredOnAnswerCallEndsWithTwilioAloneUnlessItsAgentCallWasTakenOn() {
        CallLedger ledger = ledger();
        await(ledger.save(dialedOnAnswer("oa-3")));
        await(ledger.save(dialedOnAnswer("oa-4")));
        assertThat(await(ledger.claimAgentCall("oa-4", "CA-oa-4", ACCEPTED.plusSeconds(5)))).isPresent();

        CallLedger.Recorded unanswered = await(ledger.recordEvent("CA-oa-3", event(4, "no-answer")));
        CallLedger.Recorded claimed = await(ledger.recordEvent("CA-oa-4", event(4, "completed")));

        assertThat(unanswered.endedNow()).isTrue();
        assertThat(await(ledger.find("oa-3")).orElseThrow().ended()).isTrue();
        assertThat(claimed.endedNow()).isFalse();
        assertThat(await(ledger.claimAgentCall("oa-3", "CA-oa-3", ACCEPTED.plusSeconds(9)))).as("ended").isEmpty();
        assertThat(await(ledger.claimAgentCall("inline", "CA-inline", ACCEPTED))).isEmpty();
    }

    private static String dialedAndSaved(CallLedger ledger) {
        await(ledger.save(dialed("out-1")));
        return "out-1";
    }

    @Test
    void findsWhatWasStoredWithEveryStepByPlacementIdAndByCallId() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));

        assertThat(await(ledger.find("p1"))).contains(dialed("p1"));
        assertThat(await(ledger.find("uv-p1"))).contains(dialed("p1"));
        assertThat(await(ledger.find("p2"))).isEmpty();
        assertThat(dialed("p1").steps()).containsOnlyKeys(State.ACCEPTED, State.ULTRAVOX_CREATED, State.DIALING,
                State.DIALED);
    }

    @Test
    void eachStepReplacesTheRecordOfItsPlacement() {
        CallLedger ledger = ledger();
        CallPlacement placement = accepted("p1", "agent-1", ACCEPTED);
        await(ledger.save(placement));
        assertThat(await(ledger.find("p1"))).get().extracting(CallPlacement::state).isEqualTo(State.ACCEPTED);

        CallPlacement failed = placement.failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.plusMillis(1));
        await(ledger.save(failed));

        assertThat(await(ledger.find("p1"))).contains(failed);
        assertThat(ids(await(ledger.list(all(10))))).containsExactly("p1");
    }

    @Test
    void aCompensatedPlacementKeepsItsCallIdAndError() {
        CallLedger ledger = ledger();
        CallPlacement compensated = accepted("p1", "agent-1", ACCEPTED)
                .ultravoxCreated("uv-1", null, ACCEPTED.plusMillis(2)).dialing(ACCEPTED.plusMillis(3))
                .compensated(new CallPlacement.Failure("invalid-number", 422), ACCEPTED.plusMillis(9));
        await(ledger.save(compensated));

        CallPlacement found = await(ledger.find("uv-1")).orElseThrow();
        assertThat(found).isEqualTo(compensated);
        assertThat(found.createdAt()).isEqualTo(ACCEPTED);
        assertThat(found.error()).isEqualTo(new CallPlacement.Failure("invalid-number", 422));
    }

    @Test
    void placementsAreForgottenAfterTheirTimeCountedFromTheFirstRecord() {
        CallLedger ledger = ledger();
        await(ledger.save(accepted("old", "agent-1", ACCEPTED)));
        clock.advance(KEPT.minusMinutes(1));
        await(ledger.save(accepted("young", "agent-1", ACCEPTED.plusSeconds(1))));
        // A later step does not extend the retention.
        await(ledger.save(accepted("old", "agent-1", ACCEPTED).dialing(ACCEPTED.plusSeconds(2))));
        assertThat(await(ledger.find("old"))).isPresent();
        clock.advance(Duration.ofMinutes(1));

        assertThat(await(ledger.find("old"))).isEmpty();
        assertThat(await(ledger.find("young"))).isPresent();
        assertThat(ids(await(ledger.list(all(10))))).containsExactly("young");
    }

    @Test
    void listsNewestFirstPageByPageWithoutGapsOrRepeats() {
        CallLedger ledger = ledger();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two placements per instant: ties are ordered by id.
            Instant at = ACCEPTED.plusSeconds(i / 2);
            await(ledger.save(accepted("p" + i, "agent-1", at)));
        }
        for (int i = 6; i >= 0; i--) {
            expected.add("p" + i);
        }

        List<String> seen = new ArrayList<>();
        LedgerCursor cursor = null;
        int pages = 0;
        do {
            LedgerPage page = await(ledger.list(new LedgerQuery(null, null, null, null, cursor, 3)));
            seen.addAll(ids(page));
            cursor = page.next() == null ? null : LedgerCursor.decode(page.next().encode());
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void theLastFullPageHasNoNext() {
        CallLedger ledger = ledger();
        await(ledger.save(accepted("a", "agent-1", ACCEPTED)));
        await(ledger.save(accepted("b", "agent-1", ACCEPTED.plusSeconds(1))));

        LedgerPage page = await(ledger.list(all(2)));
        assertThat(ids(page)).containsExactly("b", "a");
        assertThat(page.next()).isNull();
    }

    @Test
    void filtersByAgentStateAndSinceTogether() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("d1")));
        await(ledger.save(accepted("other-agent", "agent-2", ACCEPTED.plusSeconds(5))));
        CallPlacement failedEarly = accepted("failed-early", "agent-1", ACCEPTED.minusSeconds(60))
                .failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.minusSeconds(59));
        CallPlacement failedLate = accepted("failed-late", "agent-1", ACCEPTED.plusSeconds(10))
                .failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.plusSeconds(11));
        await(ledger.save(failedEarly));
        await(ledger.save(failedLate));

        assertThat(ids(await(ledger.list(new LedgerQuery("agent-2", null, null, null, null, 10)))))
                .containsExactly("other-agent");
        assertThat(ids(await(ledger.list(new LedgerQuery("agent-1", State.FAILED, null, null, null, 10)))))
                .containsExactly("failed-late", "failed-early");
        assertThat(ids(await(ledger.list(new LedgerQuery("agent-1", State.FAILED, null, ACCEPTED, null, 10)))))
                .containsExactly("failed-late");
        assertThat(ids(await(ledger.list(new LedgerQuery(null, null, null, ACCEPTED, null, 10)))))
                .containsExactly("failed-late", "other-agent", "d1");
        assertThat(ids(await(ledger.list(new LedgerQuery(null, State.DIALING, null, null, null, 10))))).isEmpty();
        assertThat(ids(await(ledger.list(new LedgerQuery(null, null, CallPlacement.Direction.INBOUND, null, null, 10)))))
                .isEmpty();
        assertThat(ids(await(ledger.list(new LedgerQuery("agent-2", null, CallPlacement.Direction.OUTBOUND, null, null,
                10))))).isEqualTo(ids(await(ledger.list(new LedgerQuery("agent-2", null, null, null, null, 10)))));
    }

    @Test
    void findsAPlacementByItsTwilioSidToo() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));

        assertThat(await(ledger.find("CA-p1"))).contains(dialed("p1"));
    }

    @Test
    void aSettledPlacementIsNeverRewritten() {
        CallLedger ledger = ledger();
        CallPlacement dialing = accepted("p1", "agent-1", ACCEPTED).ultravoxCreated("uv-p1", null, ACCEPTED)
                .dialing(ACCEPTED.plusMillis(1));
        assertThat(await(ledger.save(accepted("p1", "agent-1", ACCEPTED)))).isTrue();
        assertThat(await(ledger.save(dialing))).isTrue();
        CallPlacement compensated = dialing.compensated(PlacementRecovery.INTERRUPTED, ACCEPTED.plusSeconds(200));
        assertThat(await(ledger.save(compensated))).isTrue();

        // The pipeline that outlived recovery cannot overwrite its outcome, nor go back a step.
        assertThat(await(ledger.save(dialing.dialed("CA-late", "queued", ACCEPTED.plusSeconds(201), null)))).isFalse();
        assertThat(await(ledger.save(dialing))).isFalse();
        assertThat(await(ledger.find("p1"))).contains(compensated);
        assertThat(await(ledger.find("CA-late"))).isEmpty();
    }

    @Test
    void claimsUnsettledPlacementsAcceptedBeforeTheLimitOldestFirst() {
        CallLedger ledger = ledger();
        await(ledger.save(accepted("old-accepted", "agent-1", ACCEPTED.minusSeconds(300))));
        await(ledger.save(accepted("old-dialing", "agent-1", ACCEPTED.minusSeconds(200))
                .ultravoxCreated("uv-1", null, ACCEPTED.minusSeconds(200)).dialing(ACCEPTED.minusSeconds(199))));
        await(ledger.save(accepted("old-failed", "agent-1", ACCEPTED.minusSeconds(250))
                .failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.minusSeconds(249))));
        await(ledger.save(dialed("old-dialed")));
        await(ledger.save(accepted("young", "agent-1", ACCEPTED.plusSeconds(100))));

        List<CallPlacement> claimed = await(ledger.claimUnsettled(ACCEPTED, Duration.ofMinutes(2), 10));

        assertThat(claimed).extracting(CallPlacement::placementId).containsExactly("old-accepted", "old-dialing");
        assertThat(claimed.get(1).state()).isEqualTo(State.DIALING);
        assertThat(claimed.get(1).callId()).isEqualTo("uv-1");
    }

    @Test
    void aClaimHoldsForItsLeaseThenLapses() {
        CallLedger ledger = ledger();
        for (int i = 0; i < 3; i++) {
            await(ledger.save(accepted("p" + i, "agent-1", ACCEPTED.minusSeconds(300 - i))));
        }
        Instant before = ACCEPTED;

        assertThat(await(ledger.claimUnsettled(before, Duration.ofMinutes(2), 2)))
                .extracting(CallPlacement::placementId).containsExactly("p0", "p1");
        assertThat(await(ledger.claimUnsettled(before, Duration.ofMinutes(2), 2)))
                .extracting(CallPlacement::placementId).containsExactly("p2");
        assertThat(await(ledger.claimUnsettled(before, Duration.ofMinutes(2), 2))).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        // p0 was settled meanwhile: only p1 and p2 are claimed again.
        await(ledger.save(accepted("p0", "agent-1", ACCEPTED.minusSeconds(300))
                .failed(PlacementRecovery.INTERRUPTED, ACCEPTED)));
        assertThat(await(ledger.claimUnsettled(before, Duration.ofMinutes(2), 10)))
                .extracting(CallPlacement::placementId).containsExactly("p1", "p2");
    }

    @Test
    void nothingHappensBeforeSubscription() {
        CallLedger ledger = ledger();
        ledger.save(dialed("lazy"));

        assertThat(await(ledger.find("lazy"))).isEmpty();
    }

    static CallEvent event(long sequence, String status) {
        return new CallEvent(sequence, status, ACCEPTED.plusSeconds(sequence + 1).truncatedTo(ChronoUnit.SECONDS),
                CallEvent.FINAL_STATUSES.contains(status) ? 42 : null, null, ACCEPTED.plusSeconds(sequence + 2));
    }

    static String twilioStatus(CallLedger ledger, String id) {
        return await(ledger.find(id)).orElseThrow().twilioStatus();
    }

    @Test
    void callbacksArrivingOutOfOrderAreReadInSequenceOrder() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        CallEvent answered = new CallEvent(2, "in-progress", ACCEPTED.plusSeconds(9).truncatedTo(ChronoUnit.SECONDS),
                null, "human", ACCEPTED.plusSeconds(10));

        assertThat(await(ledger.recordEvent("CA-p1", event(3, "completed"))).outcome()).isEqualTo(CallEvent.Outcome.RECORDED);
        assertThat(await(ledger.recordEvent("CA-p1", event(0, "initiated"))).outcome()).isEqualTo(CallEvent.Outcome.RECORDED);
        assertThat(await(ledger.recordEvent("CA-p1", answered)).outcome()).isEqualTo(CallEvent.Outcome.RECORDED);
        assertThat(await(ledger.recordEvent("CA-p1", event(1, "ringing"))).outcome()).isEqualTo(CallEvent.Outcome.RECORDED);

        assertThat(await(ledger.events("p1"))).containsExactly(event(0, "initiated"), event(1, "ringing"), answered,
                event(3, "completed"));
        assertThat(twilioStatus(ledger, "p1")).isEqualTo("completed");
    }

    @Test
    void aRepeatedCallbackIsRecordedOnce() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        await(ledger.recordEvent("CA-p1", event(0, "initiated")));

        CallEvent replay = new CallEvent(0, "ringing", null, null, null, ACCEPTED.plusSeconds(30));
        assertThat(await(ledger.recordEvent("CA-p1", replay)).outcome()).isEqualTo(CallEvent.Outcome.DUPLICATE);
        assertThat(await(ledger.recordEvent("CA-p1", event(0, "initiated"))).outcome()).isEqualTo(CallEvent.Outcome.DUPLICATE);

        assertThat(await(ledger.events("p1"))).containsExactly(event(0, "initiated"));
        assertThat(twilioStatus(ledger, "p1")).isEqualTo("initiated");
    }

    @Test
    void theStatusFollowsTheHighestSequenceNumber() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        assertThat(twilioStatus(ledger, "p1")).isEqualTo("queued");

        await(ledger.recordEvent("CA-p1", event(2, "in-progress")));
        await(ledger.recordEvent("CA-p1", event(1, "ringing")));

        assertThat(twilioStatus(ledger, "p1")).isEqualTo("in-progress");
    }

    @Test
    void aFinalStatusIsNeverMovedBackwards() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        await(ledger.recordEvent("CA-p1", event(1, "no-answer")));
        // Numbered higher, as a stray or forged-looking late callback would be: still not applied.
        await(ledger.recordEvent("CA-p1", event(5, "ringing")));
        await(ledger.recordEvent("CA-p1", event(0, "initiated")));

        assertThat(twilioStatus(ledger, "p1")).isEqualTo("no-answer");
        assertThat(await(ledger.events("p1"))).extracting(CallEvent::status)
                .containsExactly("initiated", "no-answer", "ringing");
    }

    @Test
    void aFinalStatusWinsOverAnEarlierStatusNumberedHigher() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        await(ledger.recordEvent("CA-p1", event(4, "ringing")));
        await(ledger.recordEvent("CA-p1", event(3, "busy")));

        assertThat(twilioStatus(ledger, "p1")).isEqualTo("busy");
    }

    @Test
    void aCallbackForAnUnknownSidRecordsNothing() {
        CallLedger ledger = ledger();
        await(ledger.save(accepted("p1", "agent-1", ACCEPTED)));

        assertThat(await(ledger.recordEvent("CA-nobody", event(0, "initiated"))).outcome())
                .isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        // A placement id or Ultravox id is not a Twilio SID.
        await(ledger.save(dialed("p2")));
        assertThat(await(ledger.recordEvent("uv-p2", event(0, "initiated"))).outcome()).isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        assertThat(await(ledger.recordEvent("p2", event(0, "initiated"))).outcome()).isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);

        assertThat(await(ledger.events("p1"))).isEmpty();
        assertThat(await(ledger.events("p2"))).isEmpty();
        assertThat(twilioStatus(ledger, "p2")).isEqualTo("queued");
    }

    @Test
    void aTimelineIsKeptAsLongAsItsPlacement() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        await(ledger.recordEvent("CA-p1", event(0, "initiated")));
        clock.advance(KEPT.minusSeconds(1));
        assertThat(await(ledger.events("p1"))).hasSize(1);

        clock.advance(Duration.ofSeconds(1));

        assertThat(await(ledger.events("p1"))).isEmpty();
        assertThat(await(ledger.recordEvent("CA-p1", event(1, "ringing"))).outcome()).isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
    }

    @Test
    void timelinesOfTwoCallsAreKeptApart() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));
        await(ledger.save(dialed("p2")));
        await(ledger.recordEvent("CA-p1", event(0, "initiated")));
        assertThat(await(ledger.recordEvent("CA-p2", event(0, "initiated"))).outcome()).isEqualTo(CallEvent.Outcome.RECORDED);
        await(ledger.recordEvent("CA-p2", event(1, "ringing")));

        assertThat(await(ledger.events("p1"))).containsExactly(event(0, "initiated"));
        assertThat(await(ledger.events("p2"))).hasSize(2);
    }

    static ConversationEvent joined(Instant at) {
        return new ConversationEvent("call.joined", at, null, null, null, null, at);
    }

    static ConversationEvent ended(Instant joined, Instant at, String reason) {
        return new ConversationEvent("call.ended", joined, at, reason, "Short.", "Long summary.", at);
    }

    @Test
    void ultravoxReportsAreKeptOnceAndEndTheCallWithTwiliosFinalStatus() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1").ownedBy("owner-1")));
        Instant joinedAt = ACCEPTED.plusSeconds(5);

        CallLedger.Recorded joined = await(ledger.recordConversation("uv-p1", joined(joinedAt)));
        assertThat(joined.outcome()).isEqualTo(CallEvent.Outcome.RECORDED);
        assertThat(joined.placement().conversation().joined()).isEqualTo(joinedAt);
        // Ultravox retries: the same webhook again changes nothing.
        assertThat(await(ledger.recordConversation("uv-p1", joined(joinedAt))).outcome())
                .isEqualTo(CallEvent.Outcome.DUPLICATE);

        CallLedger.Recorded talkEnded = await(ledger.recordConversation("uv-p1",
                ended(joinedAt, ACCEPTED.plusSeconds(60), "hangup")));
        assertThat(talkEnded.endedNow()).isFalse();
        // A later, different end does not replace the first one.
        await(ledger.recordConversation("uv-p1", ended(joinedAt, ACCEPTED.plusSeconds(90), "timeout")));

        CallLedger.Recorded completed = await(ledger.recordEvent("CA-p1", event(3, "completed")));
        assertThat(completed.endedNow()).isTrue();
        CallPlacement stored = await(ledger.find("p1")).orElseThrow();
        assertThat(stored.ended()).isTrue();
        assertThat(stored.owner()).isEqualTo("owner-1");
        assertThat(stored.conversation()).isEqualTo(new CallPlacement.Conversation(joinedAt,
                ACCEPTED.plusSeconds(60), "hangup", "Short.", "Long summary."));
        assertThat(await(ledger.recordEvent("CA-p1", event(4, "completed"))).endedNow()).isFalse();
    }

    @Test
    void aConversationReportForAnUnknownCallRecordsNothing() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("p1")));

        assertThat(await(ledger.recordConversation("uv-nobody", joined(ACCEPTED))).outcome())
                .isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        assertThat(await(ledger.recordConversation("CA-p1", joined(ACCEPTED))).outcome())
                .isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        assertThat(await(ledger.find("p1")).orElseThrow().conversation()).isEqualTo(CallPlacement.Conversation.NONE);
    }

    @Test
    void aPipelineRecordKeepsWhatTheVendorsReported() {
        CallLedger ledger = ledger();
        CallPlacement dialing = accepted("p1", "agent-1", ACCEPTED).ownedBy("owner-1")
                .ultravoxCreated("uv-p1", null, ACCEPTED).dialing(ACCEPTED.plusMillis(1));
        await(ledger.save(dialing));
        await(ledger.recordConversation("uv-p1", joined(ACCEPTED.plusSeconds(3))));

        await(ledger.save(dialing.dialed("CA-p1", "queued", ACCEPTED.plusMillis(2), ACCEPTED.plusSeconds(100))));

        CallPlacement stored = await(ledger.find("p1")).orElseThrow();
        assertThat(stored.conversation().joined()).isEqualTo(ACCEPTED.plusSeconds(3));
        assertThat(stored.followUpAt()).isEqualTo(ACCEPTED.plusSeconds(100));
        assertThat(stored.owner()).isEqualTo("owner-1");
    }

    @Test
    void overdueCallsAreClaimedForFollowUpOnceUntilPostponed() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("due")));
        await(ledger.save(dialed("ended")));
        await(ledger.recordConversation("uv-ended", ended(null, ACCEPTED.plusSeconds(1), "hangup")));
        await(ledger.recordEvent("CA-ended", event(1, "completed")));
        await(ledger.save(accepted("unsettled", "agent-1", ACCEPTED)));
        assertThat(await(ledger.claimFollowUps(Duration.ofMinutes(2), 10))).isEmpty();

        clock.advance(Duration.ofHours(2));
        List<CallPlacement> claimed = await(ledger.claimFollowUps(Duration.ofMinutes(2), 10));

        assertThat(claimed).extracting(CallPlacement::placementId).containsExactly("due");
        assertThat(await(ledger.claimFollowUps(Duration.ofMinutes(2), 10))).isEmpty();
        await(ledger.postponeFollowUp("due", clock.instant().plusSeconds(600)));
        assertThat(await(ledger.claimFollowUps(Duration.ofMinutes(2), 10))).isEmpty();
        clock.advance(Duration.ofSeconds(601));
        assertThat(await(ledger.claimFollowUps(Duration.ofMinutes(2), 10))).extracting(CallPlacement::placementId)
                .containsExactly("due");
    }

    @Test
    void callbacksHeldBeforeTheirSidWasRecordedAreKeptOnceAndForgotten() {
        CallLedger ledger = ledger();
        await(ledger.holdEarlyEvent("CA-early", event(1, "busy")));
        await(ledger.holdEarlyEvent("CA-early", event(0, "initiated")));
        await(ledger.holdEarlyEvent("CA-early", event(0, "initiated")));

        assertThat(await(ledger.earlyEvents("CA-early"))).extracting(CallEvent::status)
                .containsExactly("initiated", "busy");
        assertThat(await(ledger.earlyEvents("CA-other"))).isEmpty();
        await(ledger.forgetEarlyEvents("CA-early", List.of(0L)));
        assertThat(await(ledger.earlyEvents("CA-early"))).extracting(CallEvent::status).containsExactly("busy");
        await(ledger.forgetEarlyEvents("CA-early", List.of(1L)));
        assertThat(await(ledger.earlyEvents("CA-early"))).isEmpty();

        await(ledger.holdEarlyEvent("CA-lapsed", event(0, "initiated")));
        clock.advance(CallLedger.EARLY_EVENTS_KEPT.plusSeconds(1));
        assertThat(await(ledger.earlyEvents("CA-lapsed"))).isEmpty();
    }

    @Test
    void endedOrFailedPlacementsNotMarkedAnnouncedAreClaimedToBeAnnouncedAgain() {
        CallLedger ledger = ledger();
        await(ledger.save(dialed("ended")));
        await(ledger.recordConversation("uv-ended", ended(null, ACCEPTED.plusSeconds(1), "hangup")));
        await(ledger.recordEvent("CA-ended", event(1, "completed")));
        await(ledger.save(dialed("talking")));
        await(ledger.save(accepted("failed", "agent-1", ACCEPTED)
                .failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.plusSeconds(1))));
        await(ledger.save(accepted("announced", "agent-1", ACCEPTED)
                .failed(new CallPlacement.Failure("upstream-error", 502), ACCEPTED.plusSeconds(1))));
        await(ledger.markAnnounced("announced"));
        Instant cutoff = clock.instant().plusSeconds(60);

        List<CallPlacement> claimed = await(ledger.claimUnannounced(cutoff, Duration.ofMinutes(2), 10));

        assertThat(claimed).extracting(CallPlacement::placementId).containsExactlyInAnyOrder("ended", "failed");
        assertThat(await(ledger.claimUnannounced(cutoff, Duration.ofMinutes(2), 10))).isEmpty();
        await(ledger.markAnnounced("ended"));
        clock.advance(Duration.ofMinutes(3));
        assertThat(await(ledger.claimUnannounced(clock.instant(), Duration.ofMinutes(2), 10)))
                .extracting(CallPlacement::placementId).containsExactly("failed");
    }
}
