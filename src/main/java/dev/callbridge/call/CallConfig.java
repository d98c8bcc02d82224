package dev.callbridge.call;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Rules and limits for outbound calls (prefix {@code callbridge.calls}).
 */
@ConfigMapping(prefix = "callbridge.calls")
public interface CallConfig {

    /**
     * Accept {@code ws://} join URLs as well as {@code wss://} ({@code CALLBRIDGE_CALLS_ALLOW_INSECURE_STREAM}).
     * Only for the sandbox and tests: Twilio itself refuses anything but {@code wss://}.
     */
    @WithDefault("false")
    boolean allowInsecureStream();

    /**
     * What the agent's join timeout adds to the ring timeout when the placement sets none
     * ({@code CALLBRIDGE_CALLS_JOIN_TIMEOUT_MARGIN}): room for Twilio to queue the call before it rings.
     */
    @WithDefault("30s")
    Duration joinTimeoutMargin();

    /**
     * How a placement that names none connects its legs ({@code CALLBRIDGE_CALLS_CONNECT_MODE}):
     * {@code inline}, {@code parallel} or {@code on-answer} (see {@link ConnectMode}); the last two
     * need {@code CALLBRIDGE_PUBLIC_BASE_URL}, checked at start.
     */
    @WithDefault("inline")
    String connectMode();

    /**
     * How long the connect webhook may take to answer Twilio with the stream
     * ({@code CALLBRIDGE_CALLS_CONNECT_BUDGET}, 100 ms to 10 s): waiting for the agent call of a
     * {@code parallel} placement, or making it for an {@code on-answer} one. Past it, the callee
     * hears an apology and the call ends, well inside the 15 s Twilio waits.
     */
    @WithDefault("5s")
    Duration connectBudget();

    /**
     * What a callee hears when the connect webhook cannot connect the agent
     * ({@code CALLBRIDGE_CALLS_APOLOGY_MESSAGE}), before the call ends.
     */
    @WithDefault("Sorry, we cannot connect this call right now. Goodbye.")
    String apologyMessage();

    /**
     * What the agent is told, as if the callee had typed it, when an answering machine's beep
     * sounded on a call placed with {@code machineDetection} {@code leave-message} and no
     * {@code voicemailMessage} ({@code CALLBRIDGE_CALLS_VOICEMAIL_CUE}): the agent leaves its own.
     */
    @WithDefault("[An answering machine took this call and its beep has just sounded. Leave a short voicemail "
            + "message now, then end the call.]")
    String voicemailCue();

    /** Following up dialled calls whose end no webhook reported. */
    FollowUp followUp();

    /** Limits on the {@code templateContext} a client sends. */
    TemplateContext templateContext();

    /** Limits on the {@code metadata} a client sends. */
    Metadata metadata();

    /** The in-memory call registry. */
    Registry registry();

    /** How long the postgres store keeps a call after it was placed ({@code CALLBRIDGE_CALLS_RETENTION}). */
    @WithDefault("30d")
    Duration retention();

    /**
     * A dialled call is followed up (fetched once from both vendors) when it has not ended by
     * the longest it could last (its join timeout and maximum duration from its dial) plus
     * {@link #margin()}; one still going on then is looked at again {@link #recheck()} later.
     */
    interface FollowUp {

        /** Added to a call's longest lifetime ({@code CALLBRIDGE_CALLS_FOLLOW_UP_MARGIN}). */
        @WithDefault("5m")
        Duration margin();

        /** How often every replica looks for calls to follow up ({@code CALLBRIDGE_CALLS_FOLLOW_UP_INTERVAL}). */
        @WithDefault("1m")
        Duration interval();

        /** Most calls one look follows up ({@code CALLBRIDGE_CALLS_FOLLOW_UP_BATCH_SIZE}). */
        @WithDefault("20")
        int batchSize();

        /** When to look again at a call the vendors report still going on ({@code CALLBRIDGE_CALLS_FOLLOW_UP_RECHECK}). */
        @WithDefault("10m")
        Duration recheck();
    }

    /** Limits on {@code templateContext}. */
    interface TemplateContext {

        /** Largest serialized size in bytes ({@code CALLBRIDGE_CALLS_TEMPLATE_CONTEXT_MAX_BYTES}). */
        @WithDefault("32768")
        int maxBytes();

        /** Deepest nesting of objects and arrays; the context object itself is level 1. */
        @WithDefault("8")
        int maxDepth();
    }

    /** Limits on {@code metadata}. */
    interface Metadata {

        /** Most entries. */
        @WithDefault("32")
        int maxEntries();

        /** Longest key, in characters. */
        @WithDefault("64")
        int maxKeyLength();

        /** Longest value, in characters. */
        @WithDefault("512")
        int maxValueLength();
    }

    /** Bounds of the in-memory call registry. */
    interface Registry {

        /** Most calls remembered; the oldest is forgotten first ({@code CALLBRIDGE_CALLS_REGISTRY_MAX_SIZE}). */
        @WithDefault("10000")
        int maxSize();

        /** How long a call is remembered after it was placed ({@code CALLBRIDGE_CALLS_REGISTRY_TTL}). */
        @WithDefault("24h")
        Duration ttl();
    }
}
