-- Idempotency keys, scoped to the caller's API key (digest) and the client's key. A row is a
-- claim while its request runs (state 'claimed', expires_at = end of the lease, after which a
-- retry may take the key over: the replica that held it has died) and a finished key with its
-- response afterwards (state 'finished', expires_at = end of the retention period).
CREATE TABLE idempotency_keys (
    scoped_key    text        PRIMARY KEY,
    fingerprint   text        NOT NULL,
    state         text        NOT NULL CHECK (state IN ('claimed', 'finished')),
    expires_at    timestamptz NOT NULL,
    status        integer,
    content_type  text,
    location      text,
    body          bytea,
    body_omitted  boolean     NOT NULL DEFAULT false
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- Calls Callbridge placed: the Ultravox call id (the client's id of the call) and its Twilio
-- leg. The phone numbers are personal data: rows are deleted when expires_at has passed.
CREATE TABLE calls (
    call_id          text        PRIMARY KEY,
    twilio_call_sid  text        NOT NULL,
    agent_id         text        NOT NULL,
    to_number        text        NOT NULL,
    from_number      text        NOT NULL,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL
);
CREATE INDEX calls_expires_at ON calls (expires_at);
