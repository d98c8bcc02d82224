package dev.callbridge.call;

import java.util.Locale;
import java.util.Optional;

/**
 * How a placed call's two legs are brought together: which vendor is asked first, and when the
 * agent call is made. The trade-off is between how soon the phone rings, how soon the agent
 * greets an answered call, and what an unanswered call costs.
 */
public enum ConnectMode {
    /**
     * The Ultravox call first, then Twilio with the stream in inline TwiML: the phone rings after
     * both vendors answered, and the agent is ready the moment the callee picks up.
     */
    INLINE,
    /**
     * Both at once: Twilio dials with Callbridge's connect webhook as the call's URL and fetches
     * the stream from it on answer. The phone rings after Twilio's latency alone; should the
     * Ultravox call fail, the ringing phone is cancelled (or told so, if it was answered already).
     */
    PARALLEL,
    /**
     * Twilio first, the Ultravox call only when the callee answers (the connect webhook makes
     * it): an unanswered, busy or failed call never makes an agent call; the callee waits the
     * Ultravox latency for the greeting.
     */
    ON_ANSWER;

    /** The name the API, the configuration and the database use ({@code on-answer}). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether Twilio fetches the call's TwiML from Callbridge, which needs a public URL. */
    public boolean needsConnectWebhook() {
        return this != INLINE;
    }

    /** The mode with this wire name. */
    public static Optional<ConnectMode> fromWire(String wire) {
        for (ConnectMode mode : values()) {
            if (mode.wire().equals(wire)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
