package dev.callbridge.webhook;

import dev.callbridge.call.CallEvent;
import dev.callbridge.call.CallTimeline;
import dev.callbridge.http.ApiProblemException;
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
            if (!signatures.configured()) {
                throw new ApiProblemException(404, "not-found", "Not Found", "Status callbacks are not served: "
                        + "CALLBRIDGE_PUBLIC_BASE_URL is not set, so Twilio is not asked to send any.");
            }
            if (signature == null || signature.isBlank()) {
                throw refused("The request has no X-Twilio-Signature header.");
            }
            Map<String, String> fields = CallbackForm.parse(body);
            if (!signatures.valid(rawQuery, fields, signature)) {
                throw refused("X-Twilio-Signature does not match the request for the public callback URL.");
            }
            StatusCallback callback = StatusCallback.from(fields);
            Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            return timeline.twilioStatus(callback.callSid(), callback.event(receivedAt))
                    .invoke(outcome -> logged(callback, outcome))
                    .invoke(outcome -> metrics.count(Vendor.TWILIO, WebhookOutcome.of(outcome)));
        });
    }

    private RefusedCallback refused(String detail) {
        metrics.count(Vendor.TWILIO, WebhookOutcome.REJECTED_SIGNATURE);
        Log.debugf("Twilio status callback refused: %s", detail);
        return new RefusedCallback(detail
                + " Callbacks are checked with the Twilio auth token against CALLBRIDGE_PUBLIC_BASE_URL"
                + " + /webhooks/twilio/call-status + the query string.");
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
