package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The call ledger: every placement, recorded before its first vendor request and rewritten at
 * each pipeline step, with the link between the placement id, the Ultravox call id and the
 * Twilio SID. Every method acts when its {@link Uni} is subscribed to and never blocks the
 * caller's thread. {@link InMemoryCallLedger} forgets after a while and on restart;
 * {@link PostgresCallLedger} keeps placements for the retention period and shares them between
 * replicas. {@link CallLedgers} picks one.
 */
public interface CallLedger {

    /**
     * Records a placement's current state, replacing the earlier state of the same placement id,
     * unless that earlier state is already {@linkplain CallPlacement.State#settled() settled}: a
     * placement that recovery settled is never rewritten by a pipeline that outlived it, nor a
     * pipeline's outcome by recovery. A placement is kept for the retention counted from its
     * first record.
     *
     * @return whether the state was recorded ({@code false}: the placement was settled already)
     */
    Uni<Boolean> save(CallPlacement placement);

    /**
     * Records a placement only if no placement with its id is kept: the first record of an
     * inbound call, whose id follows from Twilio's SID, so that a webhook Twilio sends again, to
     * this replica or another, finds the call rather than starting a second one.
     *
     * @return whether it was recorded ({@code false}: a placement with this id exists)
     */
    Uni<Boolean> saveNew(CallPlacement placement);

    /** The placement with this placement id, Ultravox call id or Twilio SID, if it is still kept. */
    Uni<Optional<CallPlacement>> find(String id);

    /** One page of placements, newest first. */
    Uni<LedgerPage> list(LedgerQuery query);

    /**
     * Claims, for {@code lease}, up to {@code limit} placements accepted before
     * {@code acceptedBefore} that are not settled and not claimed by anyone else within their
     * own lease, oldest first. Two replicas claiming at once get disjoint placements; a claimer
     * that dies lets its claims lapse with their lease.
     */
    Uni<List<CallPlacement>> claimUnsettled(Instant acceptedBefore, Duration lease, int limit);

    /**
     * Adds a Twilio status callback to the timeline of the placement with this Twilio SID, once:
     * a callback whose (SID, sequence number) is already recorded changes nothing. The
     * placement's {@link CallPlacement#twilioStatus() Twilio status} follows the callback with the
     * highest sequence number, except that a final status is never replaced (see
     * {@link CallEvent#statusOver}). Two reports about one call recorded at once are applied one
     * after the other. A final status ends the call if Ultravox has reported the conversation's end.
     */
    Uni<Recorded> recordEvent(String twilioCallSid, CallEvent event);

    /**
     * Applies an Ultravox webhook to the placement with this Ultravox call id: each of the
     * conversation's values is set by the first report that carries it (see
     * {@link CallPlacement.Conversation}), so a repeated webhook changes nothing. The conversation's
     * end ends the call if Twilio has reported a final status.
     */
    Uni<Recorded> recordConversation(String ultravoxCallId, ConversationEvent event);

    /**
     * Claims the making of an {@code on-answer} placement's agent call for the connect webhook of
     * Twilio call {@code twilioCallSid}, once ever, on any replica: only while nobody claimed it, the
     * placement is still {@linkplain CallPlacement#connectable() connectable} and the SID is its
     * own (or not recorded yet). One statement, durable: the claim is what keeps a second agent call
     * from being made.
     *
     * @return the placement as claimed; empty when this caller did not get the claim
     */
    Uni<Optional<CallPlacement>> claimAgentCall(String placementId, String twilioCallSid, Instant at);

    /**
     * Records the agent call made for a claimed placement (see {@link #claimAgentCall}), unless one
     * is recorded already: its Ultravox id, Ultravox's creation time ({@code created}, may be null)
     * and when it was recorded.
     *
     * @return whether it was recorded
     */
    Uni<Boolean> attachAgentCall(String placementId, String ultravoxCallId, Instant created, Instant at);

    /**
     * Applies {@code change} to the kept placement with this placement id, whatever its state, after
     * the reports recorded before it and before those recorded after (the lock reports take): for
     * what the connect and answering-machine webhooks learn ({@link CallPlacement#connection()}, an
     * agent call made on answer, the end of one that could not be made). Only those values and the
     * legs are written; the pipeline's own steps are {@link #save}'s.
     *
     * @return what the change did; {@link Recorded#UNKNOWN} when no placement with this id is kept
     */
    Uni<Recorded> amend(String placementId, UnaryOperator<CallPlacement> change);

    /**
     * Claims, for {@code lease}, up to {@code limit} dialled placements that have not ended
     * although their {@link CallPlacement#followUpAt() follow-up time} has passed, and that no one
     * else holds within its own lease; earliest follow-up first.
     */
    Uni<List<CallPlacement>> claimFollowUps(Duration lease, int limit);

    /**
     * Records that the final event of this placement ({@code call.ended} or {@code call.failed})
     * was queued for its owner's subscriptions.
     */
    Uni<Void> markAnnounced(String placementId);

    /**
     * Claims, for {@code lease}, up to {@code limit} placements that ended (both legs) or failed
     * before {@code finalBefore} and whose final event was never marked queued, and that no one
     * else holds within its own lease: their announcement was lost and is made again.
     */
    Uni<List<CallPlacement>> claimUnannounced(Instant finalBefore, Duration lease, int limit);

    /** Moves a dialled placement's follow-up to {@code next} and releases its claim. */
    Uni<Void> postponeFollowUp(String placementId, Instant next);

    /**
     * What recording a vendor's report did.
     *
     * @param outcome   recorded, duplicate or unknown call
     * @param placement the placement as it stands afterwards; null for an unknown call
     * @param endedNow  whether this report ended the call (both legs have now reported their end)
     */
    record Recorded(CallEvent.Outcome outcome, CallPlacement placement, boolean endedNow) {

        static final Recorded UNKNOWN = new Recorded(CallEvent.Outcome.UNKNOWN_CALL, null, false);

        /** The outcome of moving {@code before} to {@code after}. */
        static Recorded of(CallPlacement before, CallPlacement after) {
            return new Recorded(after.equals(before) ? CallEvent.Outcome.DUPLICATE : CallEvent.Outcome.RECORDED, after,
                    !before.ended() && after.ended());
        }
    }

    /**
     * Holds a callback whose SID no kept placement has yet (see {@link #recordEvent}'s unknown
     * outcome): Twilio may call back before its answer to the create request was recorded. Held
     * callbacks are kept for {@link #EARLY_EVENTS_KEPT} at most; a repeat is held once.
     */
    Uni<Void> holdEarlyEvent(String twilioCallSid, CallEvent event);

    /** The callbacks held for this SID, by sequence number. */
    Uni<List<CallEvent>> earlyEvents(String twilioCallSid);

    /**
     * Forgets the callbacks held for this SID with these sequence numbers, once they are on its
     * placement's timeline; others held meanwhile stay.
     */
    Uni<Void> forgetEarlyEvents(String twilioCallSid, List<Long> sequenceNumbers);

    /** How long a callback that came before its call's SID was recorded is held. */
    Duration EARLY_EVENTS_KEPT = Duration.ofMinutes(10);

    /** The timeline of the placement with this placement id, by sequence number; empty when it has none. */
    Uni<List<CallEvent>> events(String placementId);
}
