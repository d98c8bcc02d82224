package dev.callbridge.call;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.phone.PhoneMask;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/**
 * One placement's record in the ledger, advanced step by step as the pipeline runs. The first
 * record must succeed, or the placement does not start: a call the ledger does not know of
 * could not be followed, hung up or recovered. Later steps are written before the pipeline
 * goes on (a {@code dialing} record is in place before the Twilio request leaves) but never fail
 * it: by then a vendor call exists, and losing track of it in the answer would be worse than a
 * stale ledger row, so a failed write is logged at ERROR with the ids and the masked number.
 */
final class PlacementProgress {

    /** The problem kind of a placement refused because the ledger could not record it. */
    static final String LEDGER_UNAVAILABLE = "store-unavailable";

    private final CallLedger ledger;
    private volatile CallPlacement current;

    PlacementProgress(CallLedger ledger, CallPlacement accepted) {
        this.ledger = ledger;
        this.current = accepted;
    }

    /** The placement as last advanced. */
    CallPlacement current() {
        return current;
    }

    /** Records the accepted placement; a failure refuses the placement before any vendor request. */
    Uni<Void> start() {
        return ledger.save(current).onFailure().transform(PlacementProgress::ledgerUnavailable);
    }

    /** Applies a step and records it; a failed write is logged, never passed on. */
    Uni<Void> advance(UnaryOperator<CallPlacement> step) {
        CallPlacement next = step.apply(current);
        current = next;
        return Uni.createFrom().deferred(() -> ledger.save(next))
                .onFailure().invoke(failure -> Log.errorf(
                        "Placement %s (agent %s, to %s, Ultravox call %s, Twilio %s) reached %s but the ledger "
                                + "did not record it: %s", next.placementId(), next.agentId(),
                        PhoneMask.mask(next.to()), next.callId(), next.twilioCallSid(), next.state().wire(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** The time of a step, at the precision both ledgers keep (PostgreSQL: microseconds). */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** What the client was answered, reduced to the problem kind and status: no vendor text. */
    static CallPlacement.Failure failure(Throwable cause) {
        if (cause instanceof ApiProblemException problem) {
            return new CallPlacement.Failure(problem.kind(), problem.status());
        }
        return new CallPlacement.Failure("internal", 500);
    }

    private static ApiProblemException ledgerUnavailable(Throwable failure) {
        Log.errorf("Call ledger unavailable, placement refused: %s", failure.toString());
        return ApiProblemException.refusal(503, LEDGER_UNAVAILABLE, "Service Unavailable",
                "The call could not be recorded, so it was not placed; retry shortly.", Duration.ofSeconds(1));
    }
}
