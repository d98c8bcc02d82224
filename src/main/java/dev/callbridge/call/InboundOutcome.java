package dev.callbridge.call;

/**
 * How an inbound call was answered: connected to its agent (the TwiML of its media stream) or
 * declined, for a reason the caller hears the fallback message for.
 *
 * @param twiml  the {@code <Connect><Stream>} TwiML; null when declined. It carries the join URL:
 *               never logged
 * @param reason why the call was declined ({@link #CONNECTED} when it was not): a metric tag
 */
public record InboundOutcome(String twiml, String reason) {

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

    public static InboundOutcome connected(String twiml) {
        return new InboundOutcome(twiml, CONNECTED);
    }

    public static InboundOutcome declined(String reason) {
        return new InboundOutcome(null, reason);
    }

    /** Whether the call reaches its agent. */
    public boolean isConnected() {
        return twiml != null;
    }

    @Override
    public String toString() {
        return "InboundOutcome[" + reason + "]";
    }
}
