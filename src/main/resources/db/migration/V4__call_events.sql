-- The timeline of a placement: one row per Twilio status callback. Twilio numbers a call's
-- callbacks with SequenceNumber, so (call_sid, sequence_number) identifies one and a repeated
-- delivery is a conflict on the primary key. The placement's twilio_status column follows the
-- callbacks (never backwards from a final status); the rows here keep every step. There is no
-- foreign key, so a TRUNCATE of call_placements stays possible: a row is kept as long as its
-- placement (expires_at copied from it) and deleted by the same purge.
CREATE TABLE call_events (
    call_sid          text        COLLATE "C" NOT NULL,
    sequence_number   bigint      NOT NULL,
    placement_id      text        COLLATE "C" NOT NULL,
    status            text        NOT NULL,
    occurred_at       timestamptz,
    duration_seconds  integer,
    answered_by       text,
    received_at       timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    PRIMARY KEY (call_sid, sequence_number)
);
CREATE INDEX call_events_placement ON call_events (placement_id, sequence_number);
CREATE INDEX call_events_expires_at ON call_events (expires_at);
