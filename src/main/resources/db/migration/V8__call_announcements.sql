-- When the final event of a placement (call.ended for a dialled call, call.failed for one that
-- failed) was queued for its owner's webhook subscriptions. A placement that ended or failed
-- but whose final event could not be queued (the outbox write failed, or the process died
-- right after the ledger write) is found by the follow-up through this column and announced
-- again; queueing is idempotent, so an event queued twice is delivered once.
ALTER TABLE call_placements ADD COLUMN announced_at timestamptz;
-- Placements that ended or failed before this column existed count as announced: announcing them
-- now would send subscriptions made since then events of calls long over, and, past the outbox's
-- retention, send them again to the subscriptions that had them.
UPDATE call_placements
   SET announced_at = COALESCE(ended_at, failed_at, compensated_at, now())
 WHERE ended_at IS NOT NULL OR state IN ('failed', 'compensated');
CREATE INDEX call_placements_unannounced ON call_placements (accepted_at)
    WHERE announced_at IS NULL AND (ended_at IS NOT NULL OR state IN ('failed', 'compensated'));

-- Placements dialled in the last three hours by a version before V5 have no follow-up time: they
-- get one (as if their lifetime were the longest default, an hour and a half from their dial), so
-- the end of a call that may still be going on is recorded too. Older ones are left as they were:
-- they ended long ago, and a backlog of them would come before the follow-ups of live calls.
UPDATE call_placements
   SET follow_up_at = dialed_at + interval '95 minutes'
 WHERE state = 'dialed' AND follow_up_at IS NULL AND ended_at IS NULL AND dialed_at > now() - interval '3 hours';
