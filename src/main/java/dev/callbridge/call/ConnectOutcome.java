package dev.callbridge.call;

/**
 * How Callbridge answered one of Twilio's TwiML requests: an inbound call's voice webhook, or a
 * placed call's connect webhook. Connected to its agent (the TwiML of its media stream) or
 * declined, for a reason the caller hears the fallback message (inbound) or an apology (placed) for.
 *
 * @param twiml  the {@code <Connect><Stream>} TwiML; null when declined. It carries the join URL:
 *               never logged
 * @param reason why the call was declined ({@link #CONNECTED} when it was not): a metric tag
 */
public record ConnectOutcome(String twiml, String reason) {

    public static final String CONNECTED = "connected";
    /** The answer did not come within the budget. */
    public static final String TIMEOUT = "timeout";
    /** Too many calls in flight, or this instance is shutting down. */
    public static final String OVERLOADED = "overloaded";
    /** Ultravox refused or failed the call, its breaker is open, or its join URL is unusable. */
    public static final String ULTRAVOX_FAILED = "ultravox-failed";
    /** The ledger could not record the call: it is not connected, as a call that cannot be followed must not be. */
    public static final String LEDGER_UNAVAILABLE = "ledger-unavailable";
    /** Something unforeseen failed; logged at ERROR. */
    public static final String ERROR = "error";
    /** Twilio sent the webhook of a call again whose first answer was declined, or that ended. */
    public static final String REPEATED = "repeated";
    /** A connect webhook for a placement the ledger does not know, or not for its Twilio call. */
    public static final String UNKNOWN_PLACEMENT = "unknown-placement";
    /** The placement failed (its agent call could not be made), or its call ended, before the callee was connected. */
    public static final String PLACEMENT_FAILED = "placement-failed";

    public static ConnectOutcome connected(String twiml) {
        return new ConnectOutcome(twiml, CONNECTED);
    }

    public static ConnectOutcome declined(String reason) {
        return new ConnectOutcome(null, reason);
    }

    /** Whether the call reaches its agent. */
    public boolean isConnected() {
        return twiml != null;
    }

    @Override
    public String toString() {
        return "ConnectOutcome[" + reason + "]";
    }
}
