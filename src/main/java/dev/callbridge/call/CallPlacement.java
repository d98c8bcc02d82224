package dev.callbridge.call;

import com.fasterxml.jackson.databind.JsonNode;
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
 * @param owner     the {@linkplain dev.callbridge.http.ApiKeyOwner owner} that placed the call: its
 *                  webhook subscriptions receive the call's events; null for placements recorded before owners were
 * @param followUpAt when the call should have ended at the latest (its join timeout and maximum
 *                  duration from its dial, plus a margin): a dialled call not ended by then is
 *                  fetched from both vendors once, so a lost webhook never leaves it in progress; null before dialling
 * @param conversation what Ultravox's webhooks reported of the agent call; {@link Conversation#NONE} until one arrived
 * @param endedAt   when both legs had reported their end (the call is final: no vendor is asked about it
 *                  again); null until then
 * @param direction who called whom: Callbridge placed the call ({@link Direction#OUTBOUND}), or a caller dialled
 *                  one of the account's numbers and Callbridge answered with an agent ({@link Direction#INBOUND})
 */
public record CallPlacement(String placementId, String agentId, String to, String from, State state,
        String callId, String twilioCallSid, String twilioStatus, Instant createdAt, Map<State, Instant> steps,
        Failure error, String idempotencyKey, String owner, Instant followUpAt, Conversation conversation,
        Instant endedAt, Direction direction, Connection connection) {

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

    /** Who called whom. */
    public enum Direction {
        /** Callbridge placed the call: an agent calls a phone number. */
        OUTBOUND,
        /** A caller dialled one of the account's numbers and Callbridge answered with an agent. */
        INBOUND;

        /** The lower-case name the API and the database use. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The direction with this wire name; outbound for null (rows recorded before directions were). */
        public static Direction fromWire(String wire) {
            return "inbound".equals(wire) ? INBOUND : OUTBOUND;
        }
    }

    /**
     * How the placement connects its legs, what it does about answering machines, and what the
     * connect and detection webhooks recorded. Set when the placement is accepted, except the
     * last two values, each set once by the first webhook that decides it.
     *
     * @param mode             how the legs are brought together
     * @param machineDetection what a machine or fax answering gets
     * @param voicemailMessage what Twilio says to a machine after its beep ({@link MachineDetection#LEAVE_MESSAGE}), or
     *                         null for the agent to speak
     * @param agentRequest     the Ultravox call request the connect webhook makes on answer ({@link ConnectMode#ON_ANSWER}),
     *                         as Ultravox's JSON; null in the other modes
     * @param agentClaimedAt   when a connect webhook took on making the agent call ({@link ConnectMode#ON_ANSWER}): one
     *                         webhook only, on any replica, ever makes it; null until then
     * @param answeredBy       Twilio's {@code AnsweredBy} from its asynchronous detection ({@code human},
     *                         {@code machine_end_beep}, {@code fax}, ...); null until it reported
     */
    public record Connection(ConnectMode mode, MachineDetection machineDetection, String voicemailMessage,
            JsonNode agentRequest, Instant agentClaimedAt, String answeredBy) {

        /** Today's default: inline TwiML, no machine detection. */
        public static final Connection INLINE = new Connection(ConnectMode.INLINE, MachineDetection.OFF, null, null,
                null, null);

        public Connection {
            mode = mode == null ? ConnectMode.INLINE : mode;
            machineDetection = machineDetection == null ? MachineDetection.OFF : machineDetection;
        }

        /** The same, with the agent call claimed at {@code at}; unchanged if it was claimed already. */
        Connection claimed(Instant at) {
            return agentClaimedAt != null ? this
                    : new Connection(mode, machineDetection, voicemailMessage, agentRequest, at, answeredBy);
        }

        /** The same, with Twilio's detection result; unchanged if one was recorded already. */
        Connection answeredBy(String result) {
            return answeredBy != null || result == null ? this
                    : new Connection(mode, machineDetection, voicemailMessage, agentRequest, agentClaimedAt, result);
        }
    }

    /** Why a placement failed: the problem kind and HTTP status the client was answered. */
    public record Failure(String kind, int status) {
    }

    /**
     * The agent call as Ultravox's webhooks reported it; each value is set once, by the first
     * webhook that carried it.
     */
    public record Conversation(Instant joined, Instant ended, String endReason, String shortSummary, String summary) {

        /** Nothing reported yet. */
        public static final Conversation NONE = new Conversation(null, null, null, null, null);

        /** This conversation with what {@code event} adds to it; the same value when it adds nothing. */
        Conversation with(ConversationEvent event) {
            Conversation next = new Conversation(first(joined, event.joined()), first(ended, event.ended()),
                    first(endReason, event.endReason()), first(shortSummary, event.shortSummary()),
                    first(summary, event.summary()));
            return next.equals(this) ? this : next;
        }

        private static <T> T first(T kept, T offered) {
            return kept != null ? kept : offered;
        }
    }

    public CallPlacement {
        steps = Collections.unmodifiableMap(steps.isEmpty() ? new EnumMap<>(State.class) : new EnumMap<>(steps));
        conversation = conversation == null ? Conversation.NONE : conversation;
        direction = direction == null ? Direction.OUTBOUND : direction;
        connection = connection == null ? Connection.INLINE : connection;
    }

    /**
     * Whether the call has no agent leg and will have none: an {@link ConnectMode#ON_ANSWER} call
     * that no connect webhook took on (never answered, or still ringing), so Twilio's end alone
     * ends it.
     */
    public boolean withoutAgentCall() {
        return connection.mode() == ConnectMode.ON_ANSWER && callId == null && connection.agentClaimedAt() == null;
    }

    /**
     * Whether a connect webhook may still connect the call: the placement did not fail, and neither
     * the call nor its agent call has ended.
     */
    public boolean connectable() {
        return state != State.FAILED && state != State.COMPENSATED && endedAt == null && conversation.ended() == null;
    }

    /** Whether a caller dialled in (see {@link Direction#INBOUND}). */
    public boolean inbound() {
        return direction == Direction.INBOUND;
    }

    /** A placement just accepted at {@code at}. */
    static CallPlacement accepted(String placementId, String agentId, String to, String from, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.ACCEPTED, null, null, null, at,
                Map.of(State.ACCEPTED, at), null, null, null, null, Conversation.NONE, null, Direction.OUTBOUND,
                Connection.INLINE);
    }

    /**
     * An inbound call just received at {@code at}: Twilio's SID is known from the start (the call
     * exists before Callbridge hears of it), and its owner is the owner of the number's route.
     */
    static CallPlacement received(String placementId, String agentId, String to, String from, String twilioCallSid,
            String owner, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.ACCEPTED, null, twilioCallSid, null, at,
                Map.of(State.ACCEPTED, at), null, null, owner, null, Conversation.NONE, null, Direction.INBOUND,
                Connection.INLINE);
    }

    /** The same placement, run under the scoped {@code Idempotency-Key} {@code key}. */
    CallPlacement underIdempotencyKey(String key) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, twilioStatus, createdAt,
                steps, error, key, owner, followUpAt, conversation, endedAt, direction, connection);
    }

    /** The same placement, placed by {@code placedBy}. */
    CallPlacement ownedBy(String placedBy) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, twilioStatus, createdAt,
                steps, error, idempotencyKey, placedBy, followUpAt, conversation, endedAt, direction, connection);
    }

    /** The same placement with the phone leg Twilio accepted as {@code sid}: a parallel placement's, failing after the dial. */
    CallPlacement withTwilioCall(String sid, String status) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, sid, status, createdAt, steps, error,
                idempotencyKey, owner, followUpAt, conversation, endedAt, direction, connection);
    }

    /** The same placement, connecting as {@code how} says. */
    CallPlacement connectingBy(Connection how) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, twilioStatus, createdAt,
                steps, error, idempotencyKey, owner, followUpAt, conversation, endedAt, direction, how);
    }

    /**
     * The same placement with the agent call a connect webhook made once the callee answered
     * ({@link ConnectMode#ON_ANSWER}): created at {@code created} by Ultravox, recorded at {@code at}.
     */
    CallPlacement withAgentCall(String ultravoxCallId, Instant created, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, state, ultravoxCallId, twilioCallSid, twilioStatus,
                created == null ? createdAt : created, withStep(State.ULTRAVOX_CREATED, at), error, idempotencyKey,
                owner, followUpAt, conversation, endedAt, direction, connection);
    }

    /**
     * This pipeline step with the agent call {@code earlier} had recorded, if this step knows none:
     * a connect webhook may record it before the pipeline's own {@code dialed} step is written.
     */
    CallPlacement withAgentCallOf(CallPlacement earlier) {
        return callId != null || earlier.callId() == null ? this
                : withAgentCall(earlier.callId(), earlier.createdAt(),
                        earlier.steps().get(State.ULTRAVOX_CREATED));
    }

    /** The same placement, to be followed up at {@code next}. */
    CallPlacement followedUpAt(Instant next) {
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, twilioStatus, createdAt,
                steps, error, idempotencyKey, owner, next, conversation, endedAt, direction, connection);
    }

    /** Whether the call is over on both legs: the ledger's record of it is complete. */
    public boolean ended() {
        return endedAt != null;
    }

    /**
     * The same placement with Twilio's status of the phone leg moved to {@code status}; it ends
     * (at {@code at}) once both legs have reported their end.
     */
    CallPlacement withTwilioStatus(String status, Instant at) {
        return withLegs(status, conversation, at);
    }

    /** The same placement with what an Ultravox webhook reported of the agent call. */
    CallPlacement withConversation(ConversationEvent event, Instant at) {
        return withLegs(twilioStatus, conversation.with(event), at);
    }

    private CallPlacement withLegs(String status, Conversation talk, Instant at) {
        boolean bothEnded = status != null && CallEvent.FINAL_STATUSES.contains(status)
                && (talk.ended() != null || withoutAgentCall());
        Instant end = endedAt != null ? endedAt : bothEnded ? at : null;
        return new CallPlacement(placementId, agentId, to, from, state, callId, twilioCallSid, status, createdAt,
                steps, error, idempotencyKey, owner, followUpAt, talk, end, direction, connection);
    }

    /** When the placement was accepted: the ledger's order. */
    public Instant acceptedAt() {
        return steps.get(State.ACCEPTED);
    }

    CallPlacement ultravoxCreated(String ultravoxCallId, Instant created, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.ULTRAVOX_CREATED, ultravoxCallId, null, null,
                created == null ? createdAt : created, step(State.ULTRAVOX_CREATED, at), null, idempotencyKey, owner,
                null, conversation, null, direction, connection);
    }

    CallPlacement dialing(Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.DIALING, callId, null, null, createdAt,
                step(State.DIALING, at), null, idempotencyKey, owner, null, conversation, null, direction, connection);
    }

    /**
     * Dialled: Twilio accepted the call with this SID and status. {@code followUp}: when the
     * call should have ended at the latest.
     */
    CallPlacement dialed(String sid, String status, Instant at, Instant followUp) {
        return new CallPlacement(placementId, agentId, to, from, State.DIALED, callId, sid, status, createdAt,
                step(State.DIALED, at), null, idempotencyKey, owner, followUp, conversation, null, direction, connection);
    }

    /**
     * An inbound call connected: Ultravox created the agent call at {@code created} (reached
     * {@code ultravoxAt}) and Twilio is answered with its stream at {@code at}, the step
     * {@link State#DIALED} stands for on an inbound call. {@code followUp}: when the call should
     * have ended at the latest.
     */
    CallPlacement connected(String ultravoxCallId, Instant created, Instant ultravoxAt, Instant at, Instant followUp) {
        Map<State, Instant> reached = step(State.ULTRAVOX_CREATED, ultravoxAt);
        reached.put(State.DIALED, at);
        return new CallPlacement(placementId, agentId, to, from, State.DIALED, ultravoxCallId, twilioCallSid,
                twilioStatus, created == null ? createdAt : created, reached, null, idempotencyKey, owner, followUp,
                conversation, null, direction, connection);
    }

    CallPlacement failed(Failure failure, Instant at) {
        return new CallPlacement(placementId, agentId, to, from, State.FAILED, callId, twilioCallSid, twilioStatus,
                createdAt, step(State.FAILED, at), failure, idempotencyKey, owner, null, conversation, null, direction, connection);
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
                step(State.COMPENSATED, at), failure, idempotencyKey, owner, null, conversation, null, direction, connection);
    }

    /** The steps with {@code reached} added, keeping the time of one reached before. */
    private Map<State, Instant> withStep(State reached, Instant at) {
        return steps.containsKey(reached) ? steps : step(reached, at);
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
