package dev.callbridge.resilience;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Timeouts, retries and circuit breakers for the vendors (prefix {@code callbridge.resilience}).
 * Every timeout bounds one attempt; retries of reads and deletes follow {@link #retry()}.
 */
@ConfigMapping(prefix = "callbridge.resilience")
public interface ResilienceConfig {

    /** Backoff and bounds for repeating safe operations (reads, deletes, refused connections). */
    Retry retry();

    /** Ultravox operations. */
    Ultravox ultravox();

    /** Twilio operations. */
    Twilio twilio();

    /** How repeatable operations are repeated. */
    interface Retry {

        /** Attempts in all for reads and deletes, the first included. */
        @WithDefault("3")
        int maxAttempts();

        /** Wait before the first retry; doubled before each further one. */
        @WithDefault("200ms")
        Duration initialBackoff();

        /** Longest wait between two attempts (a longer {@code Retry-After} is still honoured within the budget). */
        @WithDefault("2s")
        Duration maxBackoff();

        /** Share of each backoff that is random (0 to 1), so replicas do not retry in lockstep. */
        @WithDefault("0.5")
        double jitter();

        /**
         * Most time one operation may spend waiting between its attempts. A {@code Retry-After}
         * that does not fit is passed on to the client instead of being waited out.
         */
        @WithDefault("3s")
        Duration budget();
    }

    /** Ultravox: timeouts per operation and the breaker. */
    interface Ultravox {

        /** Timeout of creating a call or an agent and of updating an agent. */
        @WithDefault("10s")
        Duration createTimeout();

        /** Timeout of each read or delete attempt. */
        @WithDefault("5s")
        Duration readTimeout();

        /**
         * Attempts in all for creations; a creation is repeated only when the connection was
         * refused or Ultravox answered 429 (honouring its {@code Retry-After} within the budget).
         */
        @WithDefault("2")
        int createMaxAttempts();

        /** The circuit breaker in front of Ultravox. */
        Breaker breaker();
    }

    /** Twilio: timeouts per operation and the breaker. */
    interface Twilio {

        /**
         * Timeout of placing a call. A call creation that timed out may still ring the phone,
         * so it is never repeated; the request's socket timeout is capped at the same value.
         */
        @WithDefault("15s")
        Duration createTimeout();

        /** Timeout of each attempt to read a call. */
        @WithDefault("5s")
        Duration readTimeout();

        /** Timeout of each hang-up attempt (a read and up to two updates). */
        @WithDefault("10s")
        Duration hangUpTimeout();

        /** Attempts in all for placing a call; it is repeated only when the connection was refused. */
        @WithDefault("2")
        int createMaxAttempts();

        /** The circuit breaker in front of Twilio. */
        Breaker breaker();
    }

    /** A vendor's circuit breaker. */
    interface Breaker {

        /** How many of the latest requests are considered. */
        @WithDefault("20")
        int window();

        /** Fewest requests in the window before the breaker may open. */
        @WithDefault("10")
        int minimumCalls();

        /** Share of failed requests in the window (0 to 1) that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses requests before trying the vendor again. */
        @WithDefault("30s")
        Duration openFor();

        /** Requests let through after {@code open-for}; all must succeed to close the breaker. */
        @WithDefault("2")
        int halfOpenTrials();
    }
}
