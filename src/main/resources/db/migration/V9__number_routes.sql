-- Where inbound calls go: one row per routed number (E.164), owned by the API key that routed it
-- (owner: hex SHA-256 of the key). The template context and metadata are kept as the JSON text
-- they were given in, so a route reads back exactly as written (jsonb would reorder keys).
CREATE TABLE number_routes (
    number            text        COLLATE "C" PRIMARY KEY,
    owner             text        COLLATE "C" NOT NULL,
    agent_id          text        NOT NULL,
    template_context  text,
    metadata          text        NOT NULL,
    greeting          text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
-- An owner's listing, in number order.
CREATE INDEX number_routes_owner ON number_routes (owner, number);
