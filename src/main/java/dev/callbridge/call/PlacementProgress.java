package dev.callbridge.call;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.phone.PhoneMask;
import dev.callbridge.ultravox.UltravoxCall;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One placement's record in the ledger, advanced step by step as the pipeline runs. Four kinds
 * of step:
 * <ul>
 *   <li>{@link #start()}: the first record must succeed, or the placement does not start: a
 *       call the ledger does not know of could not be followed, hung up or recovered.</li>
 *   <li>{@link #require}: a step that must be on record before the pipeline goes on. The
 *       {@code dialing} record is one: from the Twilio request on a phone may ring, and recovery
 *       must know to ask Twilio rather than simply delete the Ultravox call.</li>
 *   <li>{@link #advance}: the other steps are recorded but never fail the pipeline: by then a
 *       vendor call exists, and losing track of it in the answer would be worse than a stale
 *       ledger row (recovery settles it later), so a failed write is logged at ERROR with the
 *       ids and the masked number.</li>
 *   <li>{@link #apply}: a step recorded with the next one, which follows at once
 *       ({@code ultravox_created} is written with {@code dialing}).</li>
 * </ul>
 * A step the ledger refuses because the placement is settled already means recovery took the
 * placement over (it ran for longer than {@code CALLBRIDGE_RECOVERY_STALE_AFTER}).
 */
final class PlacementProgress {

    /** The problem kind of a placement refused because the ledger could not record it. */
    static final String LEDGER_UNAVAILABLE = "store-unavailable";
    /** The problem kind of a placement that recovery settled while it was still running. */
    static final String INTERRUPTED = "placement-interrupted";

    private final CallLedger ledger;
    private volatile CallPlacement current;
    /** The placement as last written to the ledger; null until the first write succeeded. */
    private volatile CallPlacement recorded;

    PlacementProgress(CallLedger ledger, CallPlacement accepted) {
        this.ledger = ledger;
        this.current = accepted;
    }

    /** The progress of a placement whose first record was written already (an inbound call's, see {@link CallLedger#saveNew}). */
    static PlacementProgress recorded(CallLedger ledger, CallPlacement first) {
        PlacementProgress progress = new PlacementProgress(ledger, first);
        progress.recorded = first;
        return progress;
    }

    /** The placement as last advanced. */
    CallPlacement current() {
        return current;
    }

    /** The placement as the ledger last recorded it, or null when nothing was recorded. */
    CallPlacement recorded() {
        return recorded;
    }

    /** Records the accepted placement; a failure refuses the placement before any vendor request. */
    Uni<Void> start() {
        CallPlacement first = current;
        return ledger.save(first).onFailure().transform(PlacementProgress::ledgerUnavailable)
                .invoke(saved -> recorded = first).replaceWithVoid();
    }

    /**
     * Applies a step without recording it yet: the next recorded step writes it too. For a
     * step the next one follows at once with nothing in between that could be lost.
     */
    void apply(UnaryOperator<CallPlacement> step) {
        current = step.apply(current);
    }

    /**
     * Applies a step the pipeline may not pass without a record of it; fails with a 503 problem
     * when the ledger could not record it or refused it.
     */
    Uni<Void> require(UnaryOperator<CallPlacement> step) {
        CallPlacement next = step.apply(current);
        current = next;
        return Uni.createFrom().deferred(() -> ledger.save(next))
                .onFailure().transform(failure -> {
                    logUnrecorded(next, failure);
                    return new ApiProblemException(503, LEDGER_UNAVAILABLE, "Service Unavailable",
                            "The call could not be recorded before dialling, so it was not dialled; retry shortly.",
                            List.of(), Duration.ofSeconds(1));
                })
                .invoke(saved -> {
                    if (!saved) {
                        throw interrupted(next);
                    }
                    recorded = next;
                })
                .replaceWithVoid();
    }

    /**
     * Applies a step and records it; a failed write is logged, never passed on.
     *
     * @return whether the step is on record ({@code false}: the write failed, or recovery
     *         settled the placement first)
     */
    Uni<Boolean> advance(UnaryOperator<CallPlacement> step) {
        CallPlacement next = step.apply(current);
        current = next;
        return Uni.createFrom().deferred(() -> ledger.save(next))
                .invoke(saved -> {
                    if (saved) {
                        recorded = next;
                    } else {
                        Log.errorf("Placement %s reached %s after recovery had settled it", next.placementId(),
                                next.state().wire());
                    }
                })
                .onFailure().invoke(failure -> logUnrecorded(next, failure))
                .onFailure().recoverWithItem(false);
    }

    /** The problem of a placement that recovery settled while it ran; the client may retry. */
    static ApiProblemException interrupted(CallPlacement placement) {
        return new ApiProblemException(503, INTERRUPTED, "Service Unavailable", "Call placement '"
                + placement.placementId() + "' ran longer than recovery allows and was settled by it; no call was "
                + "connected. Retry shortly.", List.of(), Duration.ofSeconds(1));
    }

    /** The time of a step, at the precision both ledgers keep (PostgreSQL: microseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** When Ultravox created {@code call}, at the ledger's precision; null when Ultravox did not say. */
    static Instant createdAt(UltravoxCall call) {
        return call.created() == null ? null : call.created().toInstant().truncatedTo(ChronoUnit.MICROS);
    }

    /** What the client was answered, reduced to the problem kind and status: no vendor text. */
    static CallPlacement.Failure failure(Throwable cause) {
        if (cause instanceof ApiProblemException problem) {
            return new CallPlacement.Failure(problem.kind(), problem.status());
        }
        return new CallPlacement.Failure("internal", 500);
    }

    private static void logUnrecorded(CallPlacement placement, Throwable failure) {
        Log.errorf("Placement %s (agent %s, to %s, Ultravox call %s, Twilio %s) reached %s but the ledger "
                + "did not record it: %s", placement.placementId(), placement.agentId(),
                PhoneMask.mask(placement.to()), placement.callId(), placement.twilioCallSid(),
                placement.state().wire(), failure.toString());
    }

    private static ApiProblemException ledgerUnavailable(Throwable failure) {
        Log.errorf("Call ledger unavailable, placement refused: %s", failure.toString());
        return ApiProblemException.refusal(503, LEDGER_UNAVAILABLE, "Service Unavailable",
                "The call could not be recorded, so it was not placed; retry shortly.", Duration.ofSeconds(1));
    }
}
