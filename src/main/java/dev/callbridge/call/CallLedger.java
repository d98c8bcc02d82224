package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

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
     * Records a placement's current state, replacing the earlier state of the same placement id.
     * A placement is kept for the retention counted from its first record.
     */
    Uni<Void> save(CallPlacement placement);

    /** The placement with this placement id or this Ultravox call id, if it is still kept. */
    Uni<Optional<CallPlacement>> find(String id);

    /** One page of placements, newest first. */
    Uni<LedgerPage> list(LedgerQuery query);
}
