package dev.callbridge.call;

/**
 * Every SQL statement of {@link PostgresCallLedger}, in one place (tables {@code call_placements},
 * migrations {@code V2} and {@code V3}, and {@code call_events}, migration {@code V4}). Times come from the ledger's clock.
 */
final class CallQueries {

    /** The columns every read returns, in the order {@link PostgresCallLedger} reads them. */
    private static final String COLUMNS = """
            placement_id, agent_id, to_number, from_number, state, call_id, twilio_call_sid, twilio_status,
            created_at, error_kind, error_status, accepted_at, ultravox_created_at, dialing_at, dialed_at,
            failed_at, compensated_at, idempotency_key""";

    /**
     * Records a placement's current state. $1..$18 the placement in {@link #COLUMNS} order, $19
     * its expiry. A later step rewrites the row but keeps its acceptance time and expiry; a
     * settled row is left alone (no row counted).
     */
    static final String SAVE = "INSERT INTO call_placements (" + COLUMNS + ", expires_at)\n" + """
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
            ON CONFLICT (placement_id) DO UPDATE
               SET state = EXCLUDED.state, call_id = EXCLUDED.call_id, twilio_call_sid = EXCLUDED.twilio_call_sid,
                   twilio_status = EXCLUDED.twilio_status, created_at = EXCLUDED.created_at,
                   error_kind = EXCLUDED.error_kind, error_status = EXCLUDED.error_status,
                   ultravox_created_at = EXCLUDED.ultravox_created_at, dialing_at = EXCLUDED.dialing_at,
                   dialed_at = EXCLUDED.dialed_at, failed_at = EXCLUDED.failed_at,
                   compensated_at = EXCLUDED.compensated_at
             WHERE call_placements.state IN ('accepted', 'ultravox_created', 'dialing')""";

    /** Run first in a final record's transaction: its commit does not wait for the disk flush. */
    static final String NO_FLUSH_WAIT = "SET LOCAL synchronous_commit = off";

    /** The newest placement with this placement id, Ultravox call id or Twilio SID, within its retention. $1 id, $2 now. */
    static final String FIND = "SELECT " + COLUMNS + "\n" + """
              FROM call_placements
             WHERE (placement_id = $1 OR call_id = $1 OR twilio_call_sid = $1) AND expires_at > $2
             ORDER BY accepted_at DESC, placement_id DESC
             LIMIT 1""";

    /**
     * One page, newest first. $1 now; the optional filters ($2 agent id, $3 state, $4 accepted
     * since) and cursor ($5 accepted at, $6 placement id) match everything when null; $7 limit.
     */
    static final String LIST = "SELECT " + COLUMNS + "\n" + """
              FROM call_placements
             WHERE expires_at > $1
               AND ($2::text IS NULL OR agent_id = $2)
               AND ($3::text IS NULL OR state = $3)
               AND ($4::timestamptz IS NULL OR accepted_at >= $4)
               AND ($5::timestamptz IS NULL OR (accepted_at, placement_id) < ($5, $6::text))
             ORDER BY accepted_at DESC, placement_id DESC
             LIMIT $7""";

    /**
     * Claims unsettled placements for recovery: $1 accepted before, $2 lease end, $3 now, $4
     * limit. Rows locked by another replica's claim are skipped, not waited for, and a row
     * claimed meanwhile fails the lease condition when it is re-checked under its lock.
     */
    static final String CLAIM_UNSETTLED = "UPDATE call_placements SET recovery_lease_until = $2\n" + """
             WHERE placement_id IN (
                   SELECT placement_id
                     FROM call_placements
                    WHERE state IN ('accepted', 'ultravox_created', 'dialing')
                      AND accepted_at < $1
                      AND (recovery_lease_until IS NULL OR recovery_lease_until <= $3)
                      AND expires_at > $3
                    ORDER BY accepted_at
                    LIMIT $4
                      FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    /**
     * Locks the kept placement with this Twilio SID, so that callbacks of one call are applied
     * one after the other, and reads its Twilio status and the highest sequence number recorded
     * so far (-1: none). $1 SID, $2 now.
     */
    static final String LOCK_FOR_EVENT = """
            SELECT p.placement_id, p.twilio_status, p.expires_at,
                   COALESCE((SELECT max(e.sequence_number) FROM call_events e WHERE e.call_sid = $1), -1) AS latest
              FROM call_placements p
             WHERE p.twilio_call_sid = $1 AND p.expires_at > $2
             ORDER BY p.accepted_at DESC, p.placement_id DESC
             LIMIT 1
               FOR UPDATE OF p""";

    /**
     * Adds a callback to a timeline unless (SID, sequence number) is there already (no row
     * counted). $1 SID, $2 sequence number, $3 placement id, $4 status, $5 Twilio's timestamp, $6
     * duration, $7 answered by, $8 received at, $9 expiry (the placement's).
     */
    static final String INSERT_EVENT = """
            INSERT INTO call_events (call_sid, sequence_number, placement_id, status, occurred_at,
                                     duration_seconds, answered_by, received_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (call_sid, sequence_number) DO NOTHING""";

    /** Sets a placement's Twilio status, as a callback moved it. $1 placement id, $2 status. */
    static final String SET_TWILIO_STATUS = "UPDATE call_placements SET twilio_status = $2 WHERE placement_id = $1";

    /** A placement's timeline in sequence order, within its retention. $1 placement id, $2 now. */
    static final String EVENTS = """
            SELECT sequence_number, status, occurred_at, duration_seconds, answered_by, received_at
              FROM call_events
             WHERE placement_id = $1 AND expires_at > $2
             ORDER BY sequence_number""";

    /** Deletes timeline rows past their placement's retention. $1 now. */
    static final String PURGE_EVENTS = "DELETE FROM call_events WHERE expires_at <= $1";

    /** Deletes placements past their retention, phone numbers included. $1 now. */
    static final String PURGE = "DELETE FROM call_placements WHERE expires_at <= $1";

    private CallQueries() {
    }
}
