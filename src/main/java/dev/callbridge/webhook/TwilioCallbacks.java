package dev.callbridge.webhook;

import dev.callbridge.call.CallEvent;
import dev.callbridge.call.CallTimeline;
import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.vendor.Vendor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Takes in Twilio status callbacks: refuses one that is not signed by Twilio for the public URL
 * (403, nothing recorded), then records it on the timeline of the placement its {@code CallSid}
 * names. A callback for a call the ledger does not know (another service's call on the same
 * account, or a placement past its retention) is accepted and dropped: Twilio must not retry it.
 * Log lines name the SID and the status, never a phone number.
 */
@ApplicationScoped
class TwilioCallbacks {

    private final TwilioSignatureCheck signatures;
    private final CallTimeline timeline;
    private final CallbackMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    TwilioCallbacks(TwilioSignatureCheck signatures, CallTimeline timeline, CallbackMetrics metrics) {
        this.signatures = signatures;
        this.timeline = timeline;
        this.metrics = metrics;
    }

    /**
     * Handles one callback.
     *
     * @param rawQuery  the request's query string as sent (part of the signed URL), or null
     * @param signature the {@code X-Twilio-Signature} header, or null
     * @param body      the raw form body
     */
    Uni<CallEvent.Outcome> receive(String rawQuery, String signature, String body) {
        return Uni.createFrom().deferred(() -> {
            Map<String, String> fields = signatures.verifiedFields(TwilioWebhookUrl.STATUS_PATH, "status callback",
                    rawQuery, signature, body);
            StatusCallback callback = StatusCallback.from(fields);
            Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return timeline.twilioStatus(callback.callSid(), callback.event(receivedAt))
                    .invoke(outcome -> logged(callback, outcome))
                    .invoke(outcome -> metrics.count(Vendor.TWILIO, WebhookOutcome.of(outcome)));
        });
    }

    private static void logged(StatusCallback callback, CallEvent.Outcome outcome) {
        switch (outcome) {
            case UNKNOWN_CALL -> Log.infof("Twilio status callback %s #%d for call %s held: no placement has "
                    + "recorded that SID yet",
                    callback.status(), callback.sequenceNumber(), callback.callSid());
            case DUPLICATE -> Log.debugf("Twilio status callback %s #%d for call %s already recorded",
                    callback.status(), callback.sequenceNumber(), callback.callSid());
            case RECORDED -> Log.debugf("Twilio status callback %s #%d for call %s recorded",
                    callback.status(), callback.sequenceNumber(), callback.callSid());
        }
    }
}
