-- When the final event of a placement (call.ended for a dialled call, call.failed for one that
-- failed) was queued for its owner's webhook subscriptions. A placement that ended or failed
-- but whose final event could not be queued (the outbox write failed, or the process died
-- right after the ledger write) is found by the follow-up through this column and announced
-- again; queueing is idempotent, so an event queued twice is delivered once.
ALTER TABLE call_placements ADD COLUMN announced_at timestamptz;
CREATE INDEX call_placements_unannounced ON call_placements (accepted_at)
    WHERE announced_at IS NULL AND (ended_at IS NOT NULL OR state IN ('failed', 'compensated'));

-- Placements dialled in the last day by a version before V5 have no follow-up time: they get one
-- now (as if their lifetime were the longest default, an hour and a half from their dial), so
-- their end is recorded too. Older ones are left as they were: they ended long ago and following
-- them all up at once would only load the vendors.
UPDATE call_placements
   SET follow_up_at = dialed_at + interval '95 minutes'
 WHERE state = 'dialed' AND follow_up_at IS NULL AND ended_at IS NULL AND dialed_at > now() - interval '1 day';
