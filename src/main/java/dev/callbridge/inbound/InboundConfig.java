package dev.callbridge.inbound;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How inbound calls are answered (prefix {@code callbridge.inbound}). */
@ConfigMapping(prefix = "callbridge.inbound")
public interface InboundConfig {

    /**
     * The longest Callbridge takes to answer Twilio's voice webhook with the agent's stream
     * ({@code CALLBRIDGE_INBOUND_ANSWER_BUDGET}): the route lookup, the Ultravox call and its record.
     * Past it the caller hears the fallback. Twilio waits 15 s at most, then plays its own error.
     */
    @WithDefault("5s")
    Duration answerBudget();

    /**
     * How long the agent call waits for Twilio's media stream to join
     * ({@code CALLBRIDGE_INBOUND_JOIN_TIMEOUT}): Twilio opens it as soon as it has the answer,
     * so only a caller who hangs up at once leaves the agent waiting.
     */
    @WithDefault("30s")
    Duration joinTimeout();

    /** What a caller hears when the agent cannot take the call. */
    Fallback fallback();

    /** The fallback TwiML. */
    interface Fallback {

        /** Spoken to the caller ({@code CALLBRIDGE_INBOUND_FALLBACK_MESSAGE}). */
        @WithDefault("Sorry, we cannot take your call right now. Please try again later.")
        String message();

        /**
         * The language Twilio speaks the message in, e.g. {@code en-US} or {@code de-DE}
         * ({@code CALLBRIDGE_INBOUND_FALLBACK_LANGUAGE}); Twilio's default when unset.
         */
        Optional<String> language();

        /**
         * A number, E.164, the call is then forwarded to, a person's for instance
         * ({@code CALLBRIDGE_INBOUND_FALLBACK_DIAL}); unset, Twilio hangs up after the message.
         */
        Optional<String> dial();
    }
}
