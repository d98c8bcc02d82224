package dev.callbridge.call;

import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioCallException;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What Twilio's asynchronous answering-machine detection found for a placed call: the result is
 * recorded as the placement's {@code answeredBy} (the first one wins, on any replica: the ledger
 * decides under its row lock), then acted on by the placement's {@link MachineDetection}:
 * <ul>
 * <li>{@code hang-up}: a machine or a fax is hung up on;</li>
 * <li>{@code leave-message}: a fax is hung up on; a machine (its greeting has ended, the beep
 * sounded) is played the placement's {@code voicemailMessage} by Twilio, which then hangs up, or,
 * without a message, stays with the agent, who is told ({@link CallConfig#voicemailCue()}, as a
 * user text message) to leave its own;</li>
 * <li>a human or an undecided ({@code unknown}) result changes nothing.</li>
 * </ul>
 * A repeated result, or a second, different one, is neither recorded nor acted on. A result that
 * arrives once the call is over (the phone leg reported its final status, the placement ended or
 * failed) is recorded, so the call shows who had answered, and acted on no more: there is nothing
 * left to hang up, and the {@code call.ended} event, sent already, does not carry it. Log lines
 * name the placement, the SID and the result, never a phone number or the message.
 */
@ApplicationScoped
public class MachineAnswers {

    private final CallLedger ledger;
    private final TwilioGateway twilio;
    private final UltravoxClient ultravox;
    private final CallConfig config;
    private final MachineDetectionMetrics metrics;

    MachineAnswers(CallLedger ledger, TwilioGateway twilio, UltravoxClient ultravox, CallConfig config,
            MachineDetectionMetrics metrics) {
        this.ledger = ledger;
        this.twilio = twilio;
        this.ultravox = ultravox;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Records and acts on one detection result. Never fails for Twilio's sake: a hang-up or
     * message Twilio refuses is logged and counted, and the result stays recorded.
     *
     * @param placementId the placement the detection webhook's URL names
     * @param callSid     the {@code CallSid} Twilio reported it for
     * @param answeredBy  Twilio's {@code AnsweredBy}
     * @return {@code RECORDED} for the first result, {@code DUPLICATE} for any later one,
     *         {@code UNKNOWN_CALL} when no kept placement has this id and call
     */
    public Uni<CallEvent.Outcome> record(String placementId, String callSid, String answeredBy) {
        return ledger.amend(placementId, placement -> names(placement, callSid)
                ? placement.connectingBy(placement.connection().answeredBy(answeredBy)) : placement)
                .flatMap(recorded -> {
                    if (recorded.outcome() == CallEvent.Outcome.UNKNOWN_CALL) {
                        Log.infof("Machine detection result %s for placement %s (call %s) dropped: no placement has "
                                + "that id", answeredBy, placementId, callSid);
                        return Uni.createFrom().item(CallEvent.Outcome.UNKNOWN_CALL);
                    }
                    CallPlacement placement = recorded.placement();
                    if (!names(placement, callSid)) {
                        Log.infof("Machine detection result %s for placement %s dropped: it names call %s, the "
                                + "placement's call is %s", answeredBy, placementId, callSid,
                                placement.twilioCallSid());
                        return Uni.createFrom().item(CallEvent.Outcome.UNKNOWN_CALL);
                    }
                    if (recorded.outcome() == CallEvent.Outcome.DUPLICATE) {
                        Log.debugf("Machine detection result %s for placement %s ignored: %s was recorded first",
                                answeredBy, placementId, placement.connection().answeredBy());
                        return Uni.createFrom().item(CallEvent.Outcome.DUPLICATE);
                    }
                    return act(placement, callSid, AnsweredBy.of(answeredBy), answeredBy)
                            .replaceWith(CallEvent.Outcome.RECORDED);
                });
    }

    /**
     * Whether the result is for this placement's phone leg. Before the answer to the dial is
     * recorded the placement knows no SID yet; the signed URL names this placement alone, so its
     * {@code CallSid} is the call's.
     */
    private static boolean names(CallPlacement placement, String callSid) {
        return placement.twilioCallSid() == null || placement.twilioCallSid().equals(callSid);
    }

    private Uni<Void> act(CallPlacement placement, String callSid, AnsweredBy who, String answeredBy) {
        MachineAction planned = planned(placement.connection(), who);
        if (planned == MachineAction.AGENT_TOLD && placement.callId() == null) {
            // An on-answer call whose agent call was never made: nobody to tell.
            planned = MachineAction.NONE;
        }
        if (planned != MachineAction.NONE && over(placement)) {
            Log.infof("Placement %s (call %s) answered by %s: recorded; the call was over, nothing to do",
                    placement.placementId(), callSid, answeredBy);
            planned = MachineAction.NONE;
        }
        MachineAction action = planned;
        Uni<?> done = switch (action) {
            case HUNG_UP -> twilio.hangUp(callSid);
            case MESSAGE -> message(placement, callSid);
            case AGENT_TOLD -> ultravox.tellAgent(placement.callId(), config.voicemailCue());
            default -> Uni.createFrom().nullItem();
        };
        return done.onItem().invoke(call -> {
            metrics.count(who, action);
            if (action != MachineAction.NONE) {
                Log.infof("Placement %s (call %s) answered by %s: %s", placement.placementId(), callSid, answeredBy,
                        action == MachineAction.HUNG_UP ? "hung up"
                                : action == MachineAction.AGENT_TOLD ? "the agent was told to leave its message"
                                : "voicemail message under way, then the call ends");
            }
        }).onFailure().recoverWithItem(failure -> {
            metrics.count(who, MachineAction.FAILED);
            Log.errorf("Placement %s (call %s) answered by %s: %s failed: %s", placement.placementId(), callSid,
                    answeredBy, action == MachineAction.HUNG_UP ? "hanging up"
                            : action == MachineAction.AGENT_TOLD ? "telling the agent" : "playing the voicemail message",
                    reason(failure));
            return null;
        }).replaceWithVoid();
    }

    /** What the placement's setting asks for when {@code who} answered. */
    static MachineAction planned(CallPlacement.Connection connection, AnsweredBy who) {
        if (connection.machineDetection() == MachineDetection.OFF) {
            return MachineAction.NONE;
        }
        return switch (who) {
            case FAX -> MachineAction.HUNG_UP;
            case MACHINE -> connection.machineDetection() == MachineDetection.HANG_UP ? MachineAction.HUNG_UP
                    // Without a message of its own the agent keeps the line, and is told to leave one.
                    : connection.voicemailMessage() == null ? MachineAction.AGENT_TOLD : MachineAction.MESSAGE;
            case HUMAN, UNKNOWN -> MachineAction.NONE;
        };
    }

    /** Whether the phone leg or the agent call is over, or the placement failed (and its calls were ended). */
    private static boolean over(CallPlacement placement) {
        return !placement.connectable()
                || placement.twilioStatus() != null && CallEvent.FINAL_STATUSES.contains(placement.twilioStatus());
    }

    /** Why Twilio's action failed, without Twilio's message, which may quote the called number. */
    private static String reason(Throwable failure) {
        if (failure instanceof TwilioCallException twilioFailure && twilioFailure.upstreamStatus() != null) {
            return "Twilio answered status " + twilioFailure.upstreamStatus() + ", code " + twilioFailure.twilioCode();
        }
        return failure instanceof IllegalArgumentException ? failure.getMessage()
                : "no answer from Twilio (" + failure.getClass().getSimpleName() + ")";
    }

    private Uni<TwilioCall> message(CallPlacement placement, String callSid) {
        String twiml = Twiml.sayThen(placement.connection().voicemailMessage(), null, null);
        if (twiml.length() > Twiml.MAX_CHARS) {
            return Uni.createFrom().failure(new IllegalArgumentException("the message's TwiML has " + twiml.length()
                    + " characters; Twilio takes at most " + Twiml.MAX_CHARS));
        }
        return twilio.redirect(callSid, twiml);
    }
}
