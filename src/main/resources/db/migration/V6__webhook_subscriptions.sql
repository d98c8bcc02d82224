-- Webhook subscriptions of the API keys (owner: hex SHA-256 of the key) and their outbox.
CREATE TABLE webhook_subscriptions (
    id          text        COLLATE "C" PRIMARY KEY,
    owner       text        COLLATE "C" NOT NULL,
    url         text        NOT NULL,
    events      text[]      NOT NULL,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_owner ON webhook_subscriptions (owner, created_at);

-- One row per (subscription, event): the outbox. seq orders the events of one call for one
-- subscription; a delivery is claimed only when no earlier one of its call is still pending.
-- The body is the event as serialised when it was published, so every attempt sends the same
-- bytes. Deleting a subscription drops its deliveries with it.
CREATE TABLE webhook_deliveries (
    seq              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id  text        COLLATE "C" NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         text        COLLATE "C" NOT NULL,
    type             text        NOT NULL,
    placement_id     text        COLLATE "C" NOT NULL,
    body             text        NOT NULL,
    state            text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    last_status      integer,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    lease_token      text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_call ON webhook_deliveries (subscription_id, placement_id, seq) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_listing ON webhook_deliveries (subscription_id, seq);
CREATE INDEX webhook_deliveries_expires_at ON webhook_deliveries (expires_at) WHERE state <> 'pending';
