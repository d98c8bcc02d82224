-- When the final event of a placement (call.ended for a dialled call, call.failed for one that
-- failed) was queued for its owner's webhook subscriptions. A placement that ended or failed
-- but whose final event could not be queued (the outbox write failed, or the process died
-- right after the ledger write) is found by the follow-up through this column and announced
-- again; queueing is idempotent, so an event queued twice is delivered once.
ALTER TABLE call_placements ADD COLUMN announced_at timestamptz;
CREATE INDEX call_placements_unannounced ON call_placements (accepted_at)
    WHERE announced_at IS NULL AND (ended_at IS NOT NULL OR state IN ('failed', 'compensated'));
