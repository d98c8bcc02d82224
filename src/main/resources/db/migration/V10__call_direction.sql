-- Inbound calls: a caller dialled one of the account's numbers and Callbridge answered with an
-- agent. Such a placement's id follows from Twilio's CallSid, so a repeated voice webhook finds
-- the call it started (INSERT ... ON CONFLICT DO NOTHING) instead of creating a second one.
-- Every placement recorded before this migration was placed by Callbridge.
ALTER TABLE call_placements
    ADD COLUMN direction text NOT NULL DEFAULT 'outbound' CHECK (direction IN ('outbound', 'inbound'));
