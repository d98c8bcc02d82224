package dev.callbridge.webhook;

import dev.callbridge.call.CallEvent;
import java.util.Locale;

/** What became of one vendor webhook, as counted in {@link CallbackMetrics}. */
enum WebhookOutcome {

    /** It changed the call in the ledger. */
    RECORDED,
    /** The ledger held it already: a vendor's retry or a replay. */
    DUPLICATE,
    /** No kept placement has the call it names; answered 2xx so the vendor does not retry. */
    UNKNOWN_CALL,
    /** A verified event the ledger keeps nothing of: {@code call.started}, or an event it does not know. */
    IGNORED,
    /** Refused (403): no signature, a wrong one, or no secret to check it with. */
    REJECTED_SIGNATURE,
    /** Refused (403): a timestamp outside the replay window, or not a timestamp at all. */
    REJECTED_TIMESTAMP;

    /** The metric tag: the name in lower case. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome of a webhook the ledger recorded as {@code outcome}. */
    static WebhookOutcome of(CallEvent.Outcome outcome) {
        return switch (outcome) {
            case RECORDED -> RECORDED;
            case DUPLICATE -> DUPLICATE;
            case UNKNOWN_CALL -> UNKNOWN_CALL;
        };
    }
}
