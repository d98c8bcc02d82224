package dev.callbridge.call;

import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
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
 *   <li>{@code dialing}: the Twilio request may or may not have arrived. Twilio's calls carry no
 *       tag, so its latest calls from the placement's caller id to its number are read; one
 *       created from the dial on and not recorded for another placement is this placement's
 *       ({@code dialed}). Otherwise the Ultravox call is deleted ({@code compensated}).</li>
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

    private final UltravoxClient ultravox;
    private final TwilioGateway twilio;
    private final CallLedger ledger;

    PlacementRecovery(UltravoxClient ultravox, TwilioGateway twilio, CallLedger ledger) {
        this.ultravox = ultravox;
        this.twilio = twilio;
        this.ledger = ledger;
    }

    /** The placement as it is settled; fails when a vendor could not be asked or answered. */
    Uni<CallPlacement> settle(CallPlacement placement) {
        return switch (placement.state()) {
            case ACCEPTED -> settleAccepted(placement);
            case ULTRAVOX_CREATED -> deleteUltravoxCall(placement.callId())
                    .map(deleted -> placement.compensated(INTERRUPTED, PlacementProgress.now()));
            case DIALING -> settleDialing(placement);
            case DIALED, FAILED, COMPENSATED -> Uni.createFrom().item(placement);
        };
    }

    private Uni<CallPlacement> settleAccepted(CallPlacement placement) {
        Instant since = placement.acceptedAt().minus(CLOCK_TOLERANCE);
        return ultravox.callsOfPlacement(placement.placementId(), since.atOffset(ZoneOffset.UTC), LOOKUP_LIMIT)
                // Only calls whose tag matches: never delete a call because a filter was ignored.
                .map(calls -> calls.stream().filter(call -> placement.placementId()
                        .equals(call.metadata() == null ? null : call.metadata().get(CallService.PLACEMENT_ID_METADATA)))
                        .map(UltravoxCall::callId).toList())
                .flatMap(callIds -> callIds.isEmpty()
                        ? Uni.createFrom().item(placement.failed(INTERRUPTED, PlacementProgress.now()))
                        : Multi.createFrom().iterable(callIds).onItem().transformToUniAndConcatenate(this::deleteUltravoxCall)
                                .collect().last()
                                .map(done -> placement.compensated(callIds.get(0), INTERRUPTED, PlacementProgress.now())));
    }

    private Uni<CallPlacement> settleDialing(CallPlacement placement) {
        Instant dialing = placement.steps().get(CallPlacement.State.DIALING);
        return twilio.findCalls(placement.to(), placement.from(), LOOKUP_LIMIT)
                .map(calls -> calls.stream()
                        .filter(call -> call.createdAt() != null
                                && !call.createdAt().toInstant().isBefore(dialing.minus(CLOCK_TOLERANCE)))
                        .sorted(Comparator.comparing(TwilioCall::createdAt)).toList())
                .flatMap(this::firstUnclaimed)
                .flatMap(found -> found.isPresent()
                        ? Uni.createFrom().item(placement.dialed(found.get().sid(), found.get().status(),
                                PlacementProgress.now()))
                        : deleteUltravoxCall(placement.callId())
                                .map(deleted -> placement.compensated(INTERRUPTED, PlacementProgress.now())));
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

    /** Deletes an Ultravox call; one that Ultravox no longer knows is as good as deleted. */
    private Uni<Void> deleteUltravoxCall(String callId) {
        return ultravox.deleteCall(callId)
                .onFailure(failure -> failure instanceof UltravoxException problem && problem.status() == 404)
                .recoverWithNull();
    }
}
