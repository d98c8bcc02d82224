-- Twilio status callbacks that arrive before the placement recorded the call's SID: Twilio may
-- send "initiated" (and, for a busy line, "busy") before its answer to the create request has
-- reached Callbridge and been written. They are held here, briefly, and moved to the
-- placement's timeline once the SID is recorded. Callbacks are signature-checked before they
-- get here; rows expire after a few minutes (expires_at) and are purged with the ledger.
CREATE TABLE early_call_events (
    call_sid          text        COLLATE "C" NOT NULL,
    sequence_number   bigint      NOT NULL,
    status            text        NOT NULL,
    occurred_at       timestamptz,
    duration_seconds  integer,
    answered_by       text,
    received_at       timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (call_sid, sequence_number)
);
CREATE INDEX early_call_events_expires_at ON early_call_events (expires_at);
