package dev.callbridge.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.call.CallTimeline;
import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import dev.callbridge.vendor.Vendor;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Takes in Ultravox's account webhooks: refuses one whose signature or timestamp does not check
 * out (403, nothing recorded), then applies {@code call.joined}, {@code call.ended} and
 * {@code call.billed} to the placement whose Ultravox call id the body names, through the
 * {@link CallTimeline}, which also acts on a call that has just ended. {@code call.started}
 * carries nothing the ledger keeps and is only counted, as is an event this version does not
 * know. An account webhook fires for every call of the Ultravox account, Callbridge's or not, so
 * a call the ledger does not know is accepted (Ultravox would otherwise retry it ten times) and
 * logged at DEBUG only. Log lines name the event and the call id, never a secret, a signature or
 * anything else of the body.
 */
@ApplicationScoped
class UltravoxWebhooks {

    private final UltravoxSignatureCheck signatures;
    private final CallTimeline timeline;
    private final CallbackMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    UltravoxWebhooks(UltravoxSignatureCheck signatures, CallTimeline timeline, CallbackMetrics metrics,
            ObjectMapper json) {
        this.signatures = signatures;
        this.timeline = timeline;
        this.metrics = metrics;
        this.json = json;
    }

    /**
     * Handles one webhook.
     *
     * @param timestamp the {@code X-Ultravox-Webhook-Timestamp} header, or null
     * @param signature the {@code X-Ultravox-Webhook-Signature} header, or null
     * @param body      the raw body, exactly as received
     */
    Uni<WebhookOutcome> receive(String timestamp, String signature, byte[] body) {
        return Uni.createFrom().deferred(() -> {
            UltravoxWebhook.checkSize(body);
            UltravoxSignatureCheck.Verdict verdict = signatures.check(body, timestamp, signature);
            if (verdict != UltravoxSignatureCheck.Verdict.VALID) {
                throw refused(verdict);
            }
            Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
            UltravoxWebhook webhook = UltravoxWebhook.parse(json, body, receivedAt);
            Uni<WebhookOutcome> outcome = webhook.concernsLedger()
                    ? timeline.conversation(webhook.callId(), webhook.conversation()).map(WebhookOutcome::of)
                    : Uni.createFrom().item(WebhookOutcome.IGNORED);
            return outcome.invoke(result -> logged(webhook, result))
                    .invoke(result -> metrics.count(Vendor.ULTRAVOX, result));
        });
    }

    private RefusedCallback refused(UltravoxSignatureCheck.Verdict verdict) {
        metrics.count(Vendor.ULTRAVOX, verdict.aboutTime() ? WebhookOutcome.REJECTED_TIMESTAMP
                : WebhookOutcome.REJECTED_SIGNATURE);
        Log.debugf("Ultravox webhook refused: %s", verdict);
        return new RefusedCallback(verdict.detail() + hint(verdict));
    }

    private String hint(UltravoxSignatureCheck.Verdict verdict) {
        return switch (verdict) {
            case STALE_TIMESTAMP -> " It must be within " + signatures.tolerance().toSeconds()
                    + " s of this instance's clock (ULTRAVOX_WEBHOOK_TOLERANCE); check that both clocks are "
                    + "synchronised.";
            case NOT_CONFIGURED -> " Set it to the secrets of the Ultravox account webhook.";
            case MISMATCH -> " Webhooks are checked with ULTRAVOX_WEBHOOK_SECRETS against the raw body followed by "
                    + UltravoxWebhookSignatures.TIMESTAMP_HEADER + ".";
            default -> "";
        };
    }

    private static void logged(UltravoxWebhook webhook, WebhookOutcome outcome) {
        Log.debugf("Ultravox webhook %s for call %s: %s", webhook.event(), webhook.callId(), outcome.tag());
    }
}
