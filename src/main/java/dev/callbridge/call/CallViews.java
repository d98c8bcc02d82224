package dev.callbridge.call;

import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.ultravox.UltravoxCall;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Assembles the client's view of a call from the ledger and, while it goes on, both providers. */
final class CallViews {

    private CallViews() {
    }

    /** A dialled call still going on, with the live state of both legs. */
    static CallDetails details(CallPlacement call, TwilioCall phone, UltravoxCall conversation,
            List<CallEvent> callbacks) {
        return new CallDetails(call.callId(), call.twilioCallSid(), call.agentId(), call.to(), call.from(),
                utc(call.createdAt()), phone.status(), call.connection().answeredBy(),
                new CallDetails.PhoneLeg(phone.status(), phone.durationSeconds(), phone.startTime(), phone.endTime()),
                conversation == null ? recordedConversation(call)
                        : new CallDetails.Conversation(conversation.joined(), conversation.ended(),
                                conversation.endReason(), conversation.shortSummary(), conversation.summary()),
                PlacementView.of(call), TimelineEntry.of(call, callbacks), utc(call.endedAt()));
    }

    /**
     * The call as the ledger alone knows it: for a call that has ended (both legs from the
     * vendors' reports), one never dialled (no legs), and the data of an event.
     */
    static CallDetails recorded(CallPlacement call, List<CallEvent> callbacks) {
        if (call.state() != CallPlacement.State.DIALED) {
            return new CallDetails(call.callId(), call.twilioCallSid(), call.agentId(), call.to(), call.from(),
                    utc(call.createdAt()), null, call.connection().answeredBy(), null, null, PlacementView.of(call),
                    TimelineEntry.of(call, callbacks), null);
        }
        return new CallDetails(call.callId(), call.twilioCallSid(), call.agentId(), call.to(), call.from(),
                utc(call.createdAt()), call.twilioStatus(), call.connection().answeredBy(),
                phoneLeg(call.twilioStatus(), callbacks),
                recordedConversation(call), PlacementView.of(call), TimelineEntry.of(call, callbacks),
                utc(call.endedAt()));
    }

    /** The conversation as Ultravox's webhooks reported it (an {@code on-answer} call's, before it has an agent call: nothing). */
    private static CallDetails.Conversation recordedConversation(CallPlacement call) {
        CallPlacement.Conversation talk = call.conversation();
        return new CallDetails.Conversation(utc(talk.joined()), utc(talk.ended()), talk.endReason(),
                talk.shortSummary(), talk.summary());
    }

    /** The phone leg from its callbacks: answered at the in-progress one, ended at the final one. */
    private static CallDetails.PhoneLeg phoneLeg(String status, List<CallEvent> callbacks) {
        CallEvent answered = callbacks.stream().filter(e -> "in-progress".equals(e.status())).findFirst().orElse(null);
        CallEvent last = callbacks.stream().filter(CallEvent::isFinal).findFirst().orElse(null);
        return new CallDetails.PhoneLeg(status, last == null ? null : last.durationSeconds(),
                answered == null ? null : utc(timeOf(answered)), last == null ? null : utc(timeOf(last)));
    }

    private static Instant timeOf(CallEvent event) {
        return event.occurredAt() == null ? event.receivedAt() : event.occurredAt();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
