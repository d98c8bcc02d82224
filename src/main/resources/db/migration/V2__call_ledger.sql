-- The call ledger: one row per placement, written before the first vendor request and rewritten
-- at every pipeline step (state = the latest step reached, *_at = when each step was reached).
-- placement_id is Callbridge's own id; call_id (Ultravox) and twilio_call_sid join it at their
-- steps, so a placement that failed before Ultravox answered is known by its placement id alone.
-- error_kind/error_status hold the problem the client was answered, never a vendor's message.
-- The phone numbers are personal data: rows are deleted when expires_at has passed.
CREATE TABLE call_placements (
    placement_id         text        COLLATE "C" PRIMARY KEY,
    agent_id             text        NOT NULL,
    to_number            text        NOT NULL,
    from_number          text        NOT NULL,
    state                text        NOT NULL CHECK (state IN
                             ('accepted', 'ultravox_created', 'dialing', 'dialed', 'failed', 'compensated')),
    call_id              text,
    twilio_call_sid      text,
    twilio_status        text,
    created_at           timestamptz NOT NULL,
    error_kind           text,
    error_status         integer,
    accepted_at          timestamptz NOT NULL,
    ultravox_created_at  timestamptz,
    dialing_at           timestamptz,
    dialed_at            timestamptz,
    failed_at            timestamptz,
    compensated_at       timestamptz,
    expires_at           timestamptz NOT NULL
);
CREATE INDEX call_placements_expires_at ON call_placements (expires_at);
CREATE INDEX call_placements_call_id ON call_placements (call_id);
-- The listing's order, overall and per agent (placement_id in "C" collation: byte order, as the
-- memory ledger and the cursor compare ids).
CREATE INDEX call_placements_newest ON call_placements (accepted_at DESC, placement_id DESC);
CREATE INDEX call_placements_agent_newest ON call_placements (agent_id, accepted_at DESC, placement_id DESC);

-- The calls V1 recorded were all dialled: they become dialed placements with a fresh id.
INSERT INTO call_placements (placement_id, agent_id, to_number, from_number, state, call_id, twilio_call_sid,
                             created_at, accepted_at, dialed_at, expires_at)
SELECT gen_random_uuid()::text, agent_id, to_number, from_number, 'dialed', call_id, twilio_call_sid,
       created_at, created_at, created_at, expires_at
  FROM calls;
DROP TABLE calls;
