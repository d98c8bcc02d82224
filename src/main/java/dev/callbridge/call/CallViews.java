package dev.callbridge.call;

import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.ultravox.UltravoxCall;
import java.time.ZoneOffset;
import java.util.List;

/** Assembles the client's view of a call from the ledger and both providers. */
final class CallViews {

    private CallViews() {
    }

    /** A dialled placement with the live state of both legs and its recorded callbacks. */
    static CallDetails details(CallPlacement call, TwilioCall phone, UltravoxCall conversation,
            List<CallEvent> callbacks) {
        return new CallDetails(call.callId(), call.twilioCallSid(), call.agentId(), call.to(), call.from(),
                call.createdAt().atOffset(ZoneOffset.UTC), phone.status(),
                new CallDetails.PhoneLeg(phone.status(), phone.durationSeconds(), phone.startTime(), phone.endTime()),
                new CallDetails.Conversation(conversation.joined(), conversation.ended(), conversation.endReason(),
                        conversation.shortSummary(), conversation.summary()),
                PlacementView.of(call), callbacks.stream().map(TimelineEntry::of).toList());
    }

    /** A placement that never reached Twilio (or not yet): the ledger alone, no callback to show. */
    static CallDetails undialled(CallPlacement call) {
        return new CallDetails(call.callId(), call.twilioCallSid(), call.agentId(), call.to(), call.from(),
                call.createdAt().atOffset(ZoneOffset.UTC), null, null, null, PlacementView.of(call), List.of());
    }
}
