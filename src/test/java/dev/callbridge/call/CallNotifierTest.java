package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The events a call's state implies, whatever order and completeness its reports came in. */
class CallNotifierTest {

    private static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    private static List<String> due(CallPlacement call, List<CallEvent> callbacks) {
        return CallNotifier.due(call, callbacks).stream().map(CallNotifier.Announcement::type).toList();
    }

    private static CallEvent callback(long sequence, String status, int secondsLater) {
        return new CallEvent(sequence, status, null, null, null, AT.plusSeconds(secondsLater));
    }

    @Test
    void aPlacementThatFailedAnnouncesOnlyItsFailure() {
        CallPlacement failed = CallLedgerContract.accepted("p", "agent", AT)
                .failed(new CallPlacement.Failure("upstream-error", 502), AT.plusSeconds(1));

        assertThat(due(failed, List.of())).containsExactly("call.failed");
        assertThat(CallNotifier.due(failed, List.of()).get(0).at()).isEqualTo(AT.plusSeconds(1));
    }

    @Test
    void anInboundCallIsAnsweredWhenItsWebhookCameInAndNeverPlacedOrRinging() {
        CallPlacement received = CallPlacement.received("in", "agent", "+14155550100", "+14155550123", "CA-in",
                "owner", AT);
        CallPlacement connected = received.connected("uv-in", AT, AT.plusMillis(300), AT.plusMillis(310),
                AT.plusSeconds(3_700));
        CallPlacement joined = connected.withConversation(CallLedgerContract.joined(AT.plusSeconds(1)),
                AT.plusSeconds(1));

        assertThat(due(received, List.of())).isEmpty();
        assertThat(due(connected, List.of(callback(0, "ringing", 0)))).containsExactly("call.answered");
        assertThat(CallNotifier.due(connected, List.of()).get(0).at()).isEqualTo(AT);
        assertThat(due(joined, List.of())).containsExactly("call.answered", "call.joined");
        assertThat(due(received.failed(new CallPlacement.Failure("answer-timeout", 504), AT.plusSeconds(5)),
                List.of())).containsExactly("call.failed");
    }

    @Test
    void anUnsettledPlacementAnnouncesNothing() {
        assertThat(due(CallLedgerContract.accepted("p", "agent", AT), List.of())).isEmpty();
    }

    @Test
    void aDialledCallAnnouncesEachStepItsReportsProve() {
        CallPlacement dialed = CallLedgerContract.dialed("p");

        assertThat(due(dialed, List.of())).containsExactly("call.placed");
        assertThat(due(dialed, List.of(callback(0, "initiated", 1)))).containsExactly("call.placed");
        assertThat(due(dialed, List.of(callback(0, "initiated", 1), callback(1, "ringing", 2))))
                .containsExactly("call.placed", "call.ringing");
        assertThat(due(dialed, List.of(callback(1, "ringing", 2), callback(2, "in-progress", 5))))
                .containsExactly("call.placed", "call.ringing", "call.answered");
    }

    @Test
    void aJoinedAgentProvesTheCallRangAndWasAnsweredWhenTwiliosCallbacksAreMissing() {
        CallPlacement joined = CallLedgerContract.dialed("p").withConversation(
                CallLedgerContract.joined(AT.plusSeconds(7)), AT.plusSeconds(7));

        List<CallNotifier.Announcement> due = CallNotifier.due(joined, List.of());

        assertThat(due).extracting(CallNotifier.Announcement::type)
                .containsExactly("call.placed", "call.ringing", "call.answered", "call.joined");
        assertThat(due.get(3).at()).isEqualTo(AT.plusSeconds(7));
    }

    @Test
    void aCallEndsOnceBothLegsReportedTheirEnd() {
        CallPlacement talked = CallLedgerContract.dialed("p")
                .withConversation(CallLedgerContract.ended(AT.plusSeconds(7), AT.plusSeconds(60), "hangup"),
                        AT.plusSeconds(60));
        List<CallEvent> callbacks = List.of(callback(1, "ringing", 2), callback(2, "in-progress", 5),
                callback(3, "completed", 61));
        assertThat(due(talked, callbacks)).doesNotContain("call.ended");

        CallPlacement ended = talked.withTwilioStatus("completed", AT.plusSeconds(61));

        assertThat(due(ended, callbacks))
                .containsExactly("call.placed", "call.ringing", "call.answered", "call.joined", "call.ended");
        assertThat(ended.endedAt()).isEqualTo(AT.plusSeconds(61));
    }

    @Test
    void aBusyCallIsPlacedAndEndedWithoutRinging() {
        CallPlacement busy = CallLedgerContract.dialed("p").withTwilioStatus("busy", AT.plusSeconds(3))
                .withConversation(new ConversationEvent(CallTimeline.RELEASED, null, AT.plusSeconds(3), "unjoined",
                        null, null, AT.plusSeconds(3)), AT.plusSeconds(3));

        assertThat(due(busy, List.of(callback(0, "initiated", 1), callback(1, "busy", 3))))
                .containsExactly("call.placed", "call.ended");
    }
}
