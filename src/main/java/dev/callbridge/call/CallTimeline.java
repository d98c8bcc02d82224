package dev.callbridge.call;

import dev.callbridge.ultravox.UltravoxClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Takes the vendors' reports about dialled calls (Twilio's status callbacks, Ultravox's webhooks,
 * and what a follow-up read from either) into the ledger, then acts on the call as it now stands:
 * measures it when it has just ended, releases the agent call of a phone call that ended without
 * being answered, and announces the call's events. Whatever the report, the announcement runs
 * again, so a vendor's retry of a report whose events could not be queued makes up for them.
 */
@ApplicationScoped
public class CallTimeline {

    /** Twilio's final statuses of a call nobody answered: its media stream cannot have joined. */
    private static final Set<String> UNANSWERED = Set.of("busy", "no-answer", "failed", "canceled");
    /** The event name of the end Callbridge records for an agent call it released. */
    static final String RELEASED = "callbridge.released";
    /**
     * The event name of the end Callbridge records for an agent call it could not make when the
     * callee answered ({@code on-answer}): the callee heard an apology, and the call has no agent leg.
     */
    static final String NOT_CREATED = "callbridge.not-created";
    /** The end reason recorded with {@link #NOT_CREATED}. */
    static final String AGENT_UNAVAILABLE = "agent-unavailable";

    private final CallLedger ledger;
    private final CallNotifier notifier;
    private final CallOutcomeMetrics metrics;
    private final UltravoxClient ultravox;

    CallTimeline(CallLedger ledger, CallNotifier notifier, CallOutcomeMetrics metrics, UltravoxClient ultravox) {
        this.ledger = ledger;
        this.notifier = notifier;
        this.metrics = metrics;
        this.ultravox = ultravox;
    }

    /**
     * Records a Twilio status callback for the call with this SID (see {@link CallLedger#recordEvent}).
     * One for a SID the ledger does not know yet is held: Twilio may call back before its answer
     * to the create request was recorded. It joins the timeline when the placement records the
     * SID ({@link #adoptEarlyEvents}), or at once if that happened meanwhile; the SID is looked up
     * again after the hold, so one of the two always sees the other.
     */
    public Uni<CallEvent.Outcome> twilioStatus(String twilioCallSid, CallEvent event) {
        return Uni.createFrom().deferred(() -> ledger.recordEvent(twilioCallSid, event))
                .flatMap(recorded -> recorded.outcome() != CallEvent.Outcome.UNKNOWN_CALL
                        ? follow(recorded)
                        : ledger.holdEarlyEvent(twilioCallSid, event)
                                .flatMap(held -> ledger.find(twilioCallSid))
                                .flatMap(found -> found.filter(p -> twilioCallSid.equals(p.twilioCallSid())).isPresent()
                                        ? adoptEarlyEvents(twilioCallSid).replaceWith(CallEvent.Outcome.RECORDED)
                                        : Uni.createFrom().item(CallEvent.Outcome.UNKNOWN_CALL)));
    }

    /**
     * Acts on a placement its pipeline or recovery has just recorded as settled, in the
     * background (neither waits on the outbox): a dialled call first takes in the Twilio callbacks
     * that arrived before its SID was recorded, then its events are announced ({@code call.placed},
     * or {@code call.failed}). A placement recovery settled is announced with its timeline as
     * recorded (reports may have come in while its pipeline was dead); one its pipeline just
     * recorded is announced as it stands, without reading its timeline (it holds only the
     * callbacks just taken in, whose recording announced them). Null or an unsettled placement:
     * nothing to do.
     */
    void settled(CallPlacement placement, boolean recovered) {
        if (placement == null || !placement.state().settled()) {
            return;
        }
        Uni<Void> early = placement.state() != CallPlacement.State.DIALED ? Uni.createFrom().voidItem()
                : placement.inbound() ? releaseIfHungUp(placement.placementId())
                : adoptEarlyEvents(placement.twilioCallSid()).onFailure().invoke(failure -> Log.warnf(
                        "Early callbacks of call %s could not be recorded yet: %s", placement.twilioCallSid(),
                        failure.toString())).onFailure().recoverWithNull();
        early.subscribe().with(done -> {
            if (recovered) {
                announce(placement).subscribe().with(announced -> { }, failure -> Log.warnf(
                        "Events of placement %s could not be queued yet: %s", placement.placementId(),
                        failure.toString()));
            } else {
                notifier.announceLater(placement);
            }
        }, failure -> { });
    }

    /**
     * Moves the callbacks held for a SID to its placement's timeline, now that the placement
     * recorded the SID. Only the callbacks the ledger took are forgotten: one held meanwhile
     * stays for its own handler (which looks the SID up after holding it) or the next move;
     * recording is idempotent, so a callback moved twice is recorded once.
     */
    Uni<Void> adoptEarlyEvents(String twilioCallSid) {
        return ledger.earlyEvents(twilioCallSid).flatMap(held -> held.isEmpty() ? Uni.createFrom().voidItem()
                : io.smallrye.mutiny.Multi.createFrom().iterable(held)
                        .onItem().transformToUniAndConcatenate(event -> ledger.recordEvent(twilioCallSid, event)
                                .flatMap(recorded -> recorded.outcome() == CallEvent.Outcome.UNKNOWN_CALL
                                        ? Uni.createFrom().item(-1L)
                                        : follow(recorded).replaceWith(event.sequenceNumber())))
                        .filter(sequence -> sequence >= 0)
                        .collect().asList()
                        .flatMap(taken -> taken.isEmpty() ? Uni.createFrom().voidItem()
                                : ledger.forgetEarlyEvents(twilioCallSid, taken)));
    }

    /**
     * An inbound call's callbacks find it from its first record (its SID is known then), so none is
     * held; but the caller may have hung up while the agent call was being created. Then no stream
     * will ever join it: it is released at once rather than left to its join timeout. Ultravox is
     * asked first: a short call may have joined and ended before its joined webhook arrived, and a
     * joined call is a conversation, never deleted.
     */
    Uni<Void> releaseIfHungUp(String placementId) {
        return ledger.find(placementId)
                .invoke(found -> found.filter(CallTimeline::hungUpUnjoined).ifPresent(this::releaseUnlessJoined))
                .onFailure().invoke(failure -> Log.warnf("Inbound placement %s could not be read after it was "
                        + "connected: %s", placementId, failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Whether Twilio reports the phone's end while the agent call, as far as the ledger knows, never joined. */
    private static boolean hungUpUnjoined(CallPlacement call) {
        return call.state() == CallPlacement.State.DIALED && call.callId() != null && call.twilioStatus() != null
                && CallEvent.FINAL_STATUSES.contains(call.twilioStatus()) && call.conversation().joined() == null
                && call.conversation().ended() == null;
    }

    /**
     * Releases the agent call of a phone call that ended, in the background, once Ultravox confirms
     * it never joined: a short call may have joined and ended before its joined webhook arrived, and
     * a joined call is a conversation, never deleted.
     */
    private void releaseUnlessJoined(CallPlacement call) {
        ultravox.getCall(call.callId())
                .flatMap(agentCall -> agentCall.joined() == null ? release(call) : Uni.createFrom().voidItem())
                .subscribe().with(done -> { }, failure -> Log.debugf("Ultravox call %s of hung-up call %s not "
                        + "released: %s", call.callId(), call.twilioCallSid(), failure.toString()));
    }

    /** Records an Ultravox webhook for the call with this Ultravox id (see {@link CallLedger#recordConversation}). */
    public Uni<CallEvent.Outcome> conversation(String ultravoxCallId, ConversationEvent event) {
        return Uni.createFrom().deferred(() -> ledger.recordConversation(ultravoxCallId, event)).flatMap(this::follow);
    }

    /**
     * Applies what a connect or detection webhook learnt to the placement with this id (see
     * {@link CallLedger#amend}), announcing what it changed like any vendor report.
     */
    public Uni<CallEvent.Outcome> amended(String placementId, UnaryOperator<CallPlacement> change) {
        return Uni.createFrom().deferred(() -> ledger.amend(placementId, change)).flatMap(this::follow);
    }

    private Uni<CallEvent.Outcome> follow(CallLedger.Recorded recorded) {
        CallPlacement call = recorded.placement();
        if (call == null) {
            return Uni.createFrom().item(recorded.outcome());
        }
        if (unjoinedAfterNoAnswer(call)) {
            // In the background: the vendor's request is not held up by an Ultravox deletion and
            // its retries, and a request cut short does not leave the release half done.
            release(call).subscribe().with(done -> { }, failure -> { });
        } else if (recorded.outcome() == CallEvent.Outcome.RECORDED && call.connection().mode().needsConnectWebhook()
                && hungUpUnjoined(call)) {
            // Answered, but the connect webhook may have declined (the callee heard the apology):
            // no stream will ever join the agent call.
            releaseUnlessJoined(call);
        }
        return ledger.events(call.placementId())
                .invoke(callbacks -> {
                    if (recorded.endedNow()) {
                        metrics.ended(call, callbacks);
                    }
                })
                .flatMap(callbacks -> notifier.announce(call, callbacks))
                .replaceWith(recorded.outcome());
    }

    /** A call Twilio reports unanswered whose agent call still waits for it, to the end of its join timeout. */
    private static boolean unjoinedAfterNoAnswer(CallPlacement call) {
        return hungUpUnjoined(call) && UNANSWERED.contains(call.twilioStatus());
    }

    /**
     * Deletes the agent call of a phone call nobody answered (nothing was said, so nothing is
     * lost; it would otherwise wait out its join timeout) and records its end, which ends the
     * call. A deletion that fails leaves the agent call to its join timeout and Ultravox's own
     * {@code call.ended}.
     */
    private Uni<Void> release(CallPlacement call) {
        return ultravox.deleteCall(call.callId())
                .onFailure().invoke(failure -> Log.warnf("Ultravox call %s of unanswered call %s could not be "
                        + "deleted; it ends at its join timeout: %s", call.callId(), call.twilioCallSid(),
                        failure.toString()))
                .flatMap(deleted -> {
                    java.time.Instant now = PlacementProgress.now();
                    return conversation(call.callId(), new ConversationEvent(RELEASED, null, now, "unjoined", null,
                            null, now))
                            .onFailure().invoke(failure -> Log.warnf("The end of released Ultravox call %s could "
                                    + "not be recorded; the follow-up will find it: %s", call.callId(),
                                    failure.toString()))
                            .replaceWithVoid();
                });
    }

    /** The events of a call as it stands now, announced again (for the follow-up). */
    Uni<Void> announce(CallPlacement call) {
        return ledger.events(call.placementId()).flatMap(callbacks -> notifier.announce(call, callbacks));
    }
}
