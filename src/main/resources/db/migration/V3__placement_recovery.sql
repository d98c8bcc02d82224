-- Recovery of placements a crashed replica left unsettled. A reconciler claims such a row by
-- setting recovery_lease_until (in one UPDATE whose row selection skips rows another replica
-- has locked), settles it with the vendors, and records the outcome; a reconciler that dies
-- lets its claim lapse with the lease.
ALTER TABLE call_placements ADD COLUMN recovery_lease_until timestamptz;
-- The scoped Idempotency-Key (API key digest and key) the placement ran under, if any: recovery
-- settles the key along with the placement, so a client's retry replays what recovery found.
ALTER TABLE call_placements ADD COLUMN idempotency_key text;
-- Only unsettled placements are ever claimed: a small partial index, in acceptance order.
CREATE INDEX call_placements_unsettled ON call_placements (accepted_at)
    WHERE state IN ('accepted', 'ultravox_created', 'dialing');
-- A call is also found by its Twilio SID (recovery checks that a Twilio call is not another
-- placement's before adopting it).
CREATE INDEX call_placements_twilio_call_sid ON call_placements (twilio_call_sid);
