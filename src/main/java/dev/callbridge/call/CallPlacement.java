package dev.callbridge.call;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One placement as the call ledger records it: who is called for which agent, how far the
 * pipeline got (the latest {@link State} and the time of every step reached) and the vendors'
 * ids once they are known. A placement has its own id from the moment it is accepted, before
 * any vendor request; {@code callId} (Ultravox's id, the client's id of the call) and
 * {@code twilioCallSid} join it at their steps. Immutable: each step returns a new value.
 *
 * @param createdAt Ultravox's creation time once the call exists, the acceptance time before
 * @param error     what failed, for {@link State#FAILED} and {@link State#COMPENSATED}; never a
 *                  vendor message (it may quote a number or a secret), only the problem kind and status
 * @param idempotencyKey the scoped {@code Idempotency-Key} the placement runs under, or null: recovery
 *                  settles the key with the placement, so a retry replays what recovery found
 */
public record CallPlacement(String placementId, String agentId, String to, String from, State state,
        String callId, String twilioCallSid, String twilioStatus, Instant createdAt, Map<State, Instant> steps,
        Failure error, String idempotencyKey) {

    /** The pipeline steps, in the order a placement goes through them. */
    public enum State {
        /** Validated and recorded; no vendor request yet. */
        ACCEPTED,
        /** Ultravox created the call: {@code callId} is known. */
        ULTRAVOX_CREATED,
        /** The Twilio create request is about to leave: a phone may ring from now on. */
        DIALING,
        /** Twilio accepted the call: {@code twilioCallSid} is known. Success. */
        DIALED,
        /** The placement failed; any Ultravox call it created could not be deleted. */
        FAILED,
        /** The placement failed after Ultravox created the call, and that call was deleted. */
        COMPENSATED;

        /**
         * Whether the placement has ended one way or the other: {@code dialed}, {@code failed} or
         * {@code compensated}. A settled placement is never rewritten (see {@link CallLedger#save}).
         */
        public boolean settled() {
            return this == DIALED || this == FAILED || this == COMPENSATED;
        }

        /** The lower-case name the API and the database use ({@code ultravox_created}). */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state with this wire name. */
        public static Optional<State> fromWire(String wire) {
            for (State state : values()) {
                if (state.wire().equals(wire)) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    /** Why a placement failed: the problem kind and HTTP status the client was answered. */
    public record Failure(String kind, int status) {
    }

    public CallPlacement {
        steps = Collections.unmodifiableMap(steps.isEmpty() ? new EnumMap<>(State.class) : new EnumMap<>(steps));
    }

    /** A placement just accepted at {@code at}. */
    static CallPlacement accepted(String placementId, String agentId, String to, String from, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.ACCEPTED, null, null, null, at,
                Map.of(State.ACCEPTED, at), null, null);
    }

    /** The same placement, run under the scoped {@code Idempotency-Key} {@code key}. */
    CallPlacement underIdempotencyKey(String key) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, twilioStatus, createdAt,
                steps, error, key);
    }

    /** When the placement was accepted: the ledger's order. */
    public Instant acceptedAt() {
        return steps.get(State.ACCEPTED);
    }

    CallPlacement ultravoxCreated(String ultravoxCallId, Instant created, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.ULTRAVOX_CREATED, ultravoxCallId, null, null,
                created == null ? createdAt : created, step(State.ULTRAVOX_CREATED, at), null, idempotencyKey);
    }

    CallPlacement dialing(Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.DIALING, callId, null, null, createdAt,
                step(State.DIALING, at), null, idempotencyKey);
    }

    CallPlacement dialed(String sid, String status, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.DIALED, callId, sid, status, createdAt,
                step(State.DIALED, at), null, idempotencyKey);
    }

    CallPlacement failed(Failure failure, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.FAILED, callId, twilioCallSid, twilioStatus,
                createdAt, step(State.FAILED, at), failure, idempotencyKey);
    }

    CallPlacement compensated(Failure failure, Instant at) {
        return compensated(null, failure, at);
    }

    /**
     * Compensated after the pipeline was interrupted, for an Ultravox call the placement never
     * recorded (it was found by its placement id tag) or the one it did record.
     */
    CallPlacement compensated(String ultravoxCallId, Failure failure, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.COMPENSATED,
                callId == null ? ultravoxCallId : callId, twilioCallSid, twilioStatus, createdAt,
                step(State.COMPENSATED, at), failure, idempotencyKey);
    }

    private Map<State, Instant> step(State reached, Instant at) {
        EnumMap<State, Instant> next = new EnumMap<>(State.class);
        next.putAll(steps);
        next.put(reached, at);
        return next;
    }

    @Override
    public String toString() {
        return "CallPlacement[placementId=" + placementId + ", state=" + state + ", callId=" + callId
                + ", twilioCallSid=" + twilioCallSid + ", agentId=" + agentId + "]";
    }
}
