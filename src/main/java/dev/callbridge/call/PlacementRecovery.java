package dev.callbridge.call;

import dev.callbridge.resilience.ResilienceConfig;
import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Settles one placement that its pipeline abandoned, by asking the vendors what it left behind:
 * <ul>
 *   <li>{@code accepted}: the Ultravox call may exist without the ledger knowing its id, so
 *       Ultravox is asked for the calls tagged with the placement id; any found is deleted
 *       ({@code compensated}), none found means nothing was created ({@code failed}).</li>
 *   <li>{@code ultravox_created}: no phone leg was asked for (the {@code dialing} record comes
 *       first), so the Ultravox call is deleted ({@code compensated}).</li>
 *   <li>{@code dialing}: the Twilio request may or may not have arrived. If the placement's
 *       Ultravox call was joined, the SID Ultravox recorded for the joining stream is the
 *       placement's ({@code dialed}). Otherwise, Twilio's calls carrying no tag, its latest calls
 *       from the placement's caller id to its number are read; one created within the time the
 *       dial could take and not recorded for another placement is this placement's
 *       ({@code dialed}). Otherwise the Ultravox call is deleted ({@code compensated}), unless it
 *       was joined ({@code failed}: it is not an orphan).</li>
 * </ul>
 * Every answer is the settled placement, with the problem kind {@code placement-interrupted};
 * a vendor failure fails the settlement, which is retried on a later pass.
 */
@ApplicationScoped
class PlacementRecovery {

    /** What a placement that recovery settled without a phone leg ended with. */
    static final CallPlacement.Failure INTERRUPTED = new CallPlacement.Failure(PlacementProgress.INTERRUPTED, 503);
    /** Calls read per lookup: a crash leaves few candidates within the window. */
    private static final int LOOKUP_LIMIT = 20;
    /**
     * How much earlier than the recorded step a vendor's creation time may be: Twilio's times
     * have whole seconds, and the vendor's clock is not this machine's.
     */
    private static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    /** The metadata entry Ultravox adds to a call that a Twilio media stream joined. */
    static final String TWILIO_SID_METADATA = "ultravox.twilio.call_sid";

    private final UltravoxClient ultravox;
    private final TwilioGateway twilio;
    private final CallLedger ledger;
    /** How long an Ultravox creation, and a Twilio dial, can take with their retries. */
    private final Duration ultravoxCreation;
    private final Duration twilioCreation;
    /** When a call recovery adopted is first followed up: its dial's details died with its pipeline. */
    private final Duration adoptedFollowUp;

    PlacementRecovery(UltravoxClient ultravox, TwilioGateway twilio, CallLedger ledger, ResilienceConfig resilience,
            CallConfig calls) {
        this.ultravox = ultravox;
        this.twilio = twilio;
        this.ledger = ledger;
        this.ultravoxCreation = PlacementReconciler.ultravoxCreation(resilience);
        this.twilioCreation = PlacementReconciler.twilioCreation(resilience);
        this.adoptedFollowUp = calls.followUp().recheck();
    }

    /** The placement as it is settled; fails when a vendor could not be asked or answered. */
    Uni<CallPlacement> settle(CallPlacement placement) {
        return switch (placement.state()) {
            case ACCEPTED -> settleAccepted(placement);
            case ULTRAVOX_CREATED -> ultravox.deleteCall(placement.callId())
                    .map(deleted -> placement.compensated(INTERRUPTED, PlacementProgress.now()));
            case DIALING -> settleDialing(placement);
            case DIALED, FAILED, COMPENSATED -> Uni.createFrom().item(placement);
        };
    }

    private Uni<CallPlacement> settleAccepted(CallPlacement placement) {
        return taggedCalls(placement.placementId(), placement.acceptedAt(), placement.acceptedAt().plus(ultravoxCreation))
                .flatMap(callIds -> deletedOrNone(placement, callIds));
    }

    /**
     * The ids of Ultravox's calls tagged with this placement id, created from {@code from} to
     * {@code to} (widened by the clock tolerance); a listing that ignored the tag fails.
     */
    private Uni<List<String>> taggedCalls(String placementId, Instant from, Instant to) {
        return ultravox.callsOfPlacement(placementId, from.minus(CLOCK_TOLERANCE).atOffset(ZoneOffset.UTC),
                        to.plus(CLOCK_TOLERANCE).atOffset(ZoneOffset.UTC), LOOKUP_LIMIT)
                .map(calls -> taggedFor(placementId, calls));
    }

    /** The placement settled after deleting these agent calls of its ({@code compensated}), or with none ({@code failed}). */
    private Uni<CallPlacement> deletedOrNone(CallPlacement placement, List<String> callIds) {
        return callIds.isEmpty() ? Uni.createFrom().item(placement.failed(INTERRUPTED, PlacementProgress.now()))
                : deleteAll(callIds).map(done -> placement.compensated(callIds.get(0), INTERRUPTED,
                        PlacementProgress.now()));
    }

    /** Deletes these Ultravox calls one after the other. */
    private Uni<Void> deleteAll(List<String> callIds) {
        return Multi.createFrom().iterable(callIds).onItem().transformToUniAndConcatenate(ultravox::deleteCall)
                .collect().last().replaceWithVoid();
    }

    /**
     * The ids of the calls tagged with this placement's id. A call tagged for another placement
     * means the metadata filter was not applied, so an empty answer would prove nothing: the
     * settlement fails and is retried, rather than leave a call behind.
     */
    private static List<String> taggedFor(String placementId, List<UltravoxCall> calls) {
        if (calls.stream().anyMatch(call -> !placementId.equals(tag(call)))) {
            throw new IllegalStateException("Ultravox listed calls of other placements for placement "
                    + placementId + ": its metadata filter was not applied");
        }
        return calls.stream().map(UltravoxCall::callId).toList();
    }

    /**
     * A pipeline settled its placement after an Ultravox creation whose outcome it could not learn
     * (a timeout): the agent call may exist, and nobody will join it. Once the time a creation can
     * take has passed, the calls tagged with the placement id created since {@code since} are
     * deleted, in the background. Should that fail (or the process die first), such a call ends
     * by itself at its join timeout.
     */
    void sweepUnknownCreation(String placementId, Instant since) {
        Uni.createFrom().voidItem().onItem().delayIt().by(ultravoxCreation)
                .flatMap(waited -> taggedCalls(placementId, since, Instant.now()))
                .flatMap(callIds -> deleteAll(callIds).replaceWith(callIds))
                .subscribe().with(callIds -> {
                    if (!callIds.isEmpty()) {
                        Log.infof("Placement %s: deleted Ultravox call(s) %s that a timed-out creation made",
                                placementId, callIds);
                    }
                }, failure -> Log.warnf("Placement %s: Ultravox calls of a timed-out creation could not be looked "
                        + "up or deleted; any ends at its join timeout: %s", placementId, failure.toString()));
    }

    private static String tag(UltravoxCall call) {
        return call.metadata() == null ? null : call.metadata().get(CallService.PLACEMENT_ID_METADATA);
    }

    /**
     * The placement's own Ultravox call says most: joined by a phone leg, it names that leg's SID
     * ({@code ultravox.twilio.call_sid}), and that is the placement's call, whatever else Twilio
     * lists. Otherwise Twilio's calls to the number from the caller id, created within the time
     * the dial could take, are the candidates. A joined call is never deleted: it is, or was, a
     * conversation.
     */
    private Uni<CallPlacement> settleDialing(CallPlacement placement) {
        if (placement.callId() == null) {
            return settleDialingWithoutAgentCall(placement);
        }
        return ultravox.getCall(placement.callId()).map(Optional::of)
                .onFailure(UltravoxException::notFound).recoverWithItem(Optional.empty())
                .flatMap(agentCall -> {
                    boolean joined = agentCall.map(call -> call.joined() != null).orElse(false);
                    String joinedSid = agentCall.filter(call -> joined).map(call -> call.metadata() == null ? null
                            : call.metadata().get(TWILIO_SID_METADATA)).orElse(null);
                    if (joinedSid != null) {
                        return twilio.fetchCall(joinedSid)
                                .map(phone -> adopted(placement, phone));
                    }
                    return twilioCandidate(placement).flatMap(found -> {
                        if (found.isPresent()) {
                            return Uni.createFrom().item(adopted(placement, found.get()));
                        }
                        return joined ? Uni.createFrom().item(placement.failed(INTERRUPTED, PlacementProgress.now()))
                                : ultravox.deleteCall(placement.callId())
                                        .map(deleted -> placement.compensated(INTERRUPTED, PlacementProgress.now()));
                    });
                });
    }

    /**
     * A {@code parallel} or {@code on-answer} placement interrupted while dialling, before it
     * recorded an agent call. The phone call Twilio lists for it, if any, is adopted, with the
     * agent call a {@code parallel} placement made meanwhile (found by its tag): its connect
     * webhook finds both in the ledger. Without a phone call, a tagged agent call is deleted.
     */
    private Uni<CallPlacement> settleDialingWithoutAgentCall(CallPlacement placement) {
        Uni<List<String>> tagged = placement.connection().mode() != ConnectMode.PARALLEL
                ? Uni.createFrom().item(List.of())
                : taggedCalls(placement.placementId(), placement.acceptedAt(),
                        placement.steps().get(CallPlacement.State.DIALING).plus(ultravoxCreation));
        return tagged.flatMap(callIds -> twilioCandidate(placement).flatMap(found -> {
            if (found.isPresent()) {
                CallPlacement adopted = adopted(placement, found.get());
                Instant now = PlacementProgress.now();
                return Uni.createFrom().item(callIds.isEmpty() ? adopted : adopted.withAgentCall(callIds.get(0), null, now));
            }
            return deletedOrNone(placement, callIds);
        }));
    }

    /** The placement dialled with the phone call recovery found for it. */
    private CallPlacement adopted(CallPlacement placement, TwilioCall phone) {
        Instant now = PlacementProgress.now();
        return placement.dialed(phone.sid(), phone.status(), now, now.plus(adoptedFollowUp));
    }

    /** The oldest Twilio call to the number created within the dial's time and linked to no placement. */
    private Uni<Optional<TwilioCall>> twilioCandidate(CallPlacement placement) {
        Instant dialing = placement.steps().get(CallPlacement.State.DIALING);
        Instant from = dialing.minus(CLOCK_TOLERANCE);
        Instant to = dialing.plus(twilioCreation).plus(CLOCK_TOLERANCE);
        return twilio.findCalls(placement.to(), placement.from(), LOOKUP_LIMIT)
                .map(calls -> calls.stream()
                        .filter(call -> call.createdAt() != null && !call.createdAt().toInstant().isBefore(from)
                                && !call.createdAt().toInstant().isAfter(to))
                        .sorted(Comparator.comparing(TwilioCall::createdAt)).toList())
                .flatMap(this::firstUnclaimed);
    }

    /** The oldest of the candidates that no placement in the ledger claims yet. */
    private Uni<Optional<TwilioCall>> firstUnclaimed(List<TwilioCall> candidates) {
        return Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(call -> ledger.find(call.sid())
                        .map(owner -> owner.isPresent() ? Optional.<TwilioCall>empty() : Optional.of(call)))
                .filter(Optional::isPresent)
                .toUni()
                .map(first -> first == null ? Optional.empty() : first);
    }

}
