-- Numbers no outbound placement may call (E.164), whoever places it. A placement reads one row
-- by primary key before its first record; the listing walks the key in number order.
CREATE TABLE do_not_call (
    number    text        COLLATE "C" PRIMARY KEY,
    added_at  timestamptz NOT NULL
);
