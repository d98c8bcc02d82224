-- What a dialled call became after the placement: the owner whose webhook subscriptions hear of
-- it (the API key's digest, never the key), what Ultravox's webhooks reported of the agent call,
-- and when both legs had reported their end (ended_at: the call is final and its record
-- complete). follow_up_at is when a dialled call should have ended at the latest; one not ended
-- by then is fetched from both vendors once (claimed with recovery_lease_until, which recovery
-- never uses on dialled rows), so a lost webhook does not leave it in progress for ever.
ALTER TABLE call_placements
    ADD COLUMN owner                  text,
    ADD COLUMN follow_up_at           timestamptz,
    ADD COLUMN conversation_joined_at timestamptz,
    ADD COLUMN conversation_ended_at  timestamptz,
    ADD COLUMN end_reason             text,
    ADD COLUMN short_summary          text,
    ADD COLUMN summary                text,
    ADD COLUMN ended_at               timestamptz;
-- Only dialled calls still waiting for their end are followed up: a small partial index.
CREATE INDEX call_placements_follow_up ON call_placements (follow_up_at)
    WHERE state = 'dialed' AND ended_at IS NULL;
