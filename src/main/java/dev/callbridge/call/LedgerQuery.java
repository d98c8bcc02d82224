package dev.callbridge.call;

import java.time.Instant;
import java.util.Comparator;

/**
 * One page of the ledger to read, newest first; every filter is optional (null).
 *
 * @param agentId  only this agent's placements
 * @param state    only placements whose latest step is this one
 * @param direction only placed ({@code outbound}) or only answered ({@code inbound}) calls
 * @param since    only placements accepted at or after this time
 * @param after    the previous page's cursor
 * @param pageSize most placements in the page (1–200)
 */
record LedgerQuery(String agentId, CallPlacement.State state, CallPlacement.Direction direction, Instant since,
        LedgerCursor after, int pageSize) {

    /** The ledger's order: newest accepted first, ties by placement id, descending. */
    static final Comparator<CallPlacement> NEWEST_FIRST = Comparator.comparing(CallPlacement::acceptedAt)
            .thenComparing(CallPlacement::placementId).reversed();

    /** Whether a placement belongs in the answer (the page bound aside). */
    boolean matches(CallPlacement placement) {
        return (agentId == null || agentId.equals(placement.agentId()))
                && (state == null || state == placement.state())
                && (direction == null || direction == placement.direction())
                && (since == null || !placement.acceptedAt().isBefore(since))
                && (after == null || after.precedes(placement));
    }
}
