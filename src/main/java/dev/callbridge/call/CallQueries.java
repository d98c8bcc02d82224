package dev.callbridge.call;

/**
 * Every SQL statement of {@link PostgresCallLedger}, in one place (tables {@code call_placements},
 * migrations {@code V2}, {@code V3}, {@code V5}, {@code V10} and {@code V11}, and {@code call_events}, migration {@code V4}). Times come
 * from the ledger's clock.
 */
final class CallQueries {

    /** The columns every read returns, in the order {@link PostgresCallLedger} reads them. */
    private static final String COLUMNS = """
            placement_id, agent_id, to_number, from_number, state, call_id, twilio_call_sid, twilio_status,
            created_at, error_kind, error_status, accepted_at, ultravox_created_at, dialing_at, dialed_at,
            failed_at, compensated_at, idempotency_key, owner, follow_up_at, conversation_joined_at,
            conversation_ended_at, end_reason, short_summary, summary, ended_at, direction, connect_mode,
            machine_detection, voicemail_message, agent_request, agent_claimed_at, answered_by""";

    /** The columns {@link #SAVE} writes: the pipeline's own, not what vendors' webhooks report. */
    private static final String SAVED_COLUMNS = """
            placement_id, agent_id, to_number, from_number, state, call_id, twilio_call_sid, twilio_status,
            created_at, error_kind, error_status, accepted_at, ultravox_created_at, dialing_at, dialed_at,
            failed_at, compensated_at, idempotency_key, owner, follow_up_at, direction, connect_mode,
            machine_detection, voicemail_message, agent_request""";

    /** The values of {@link #SAVED_COLUMNS} and the expiry. */
    private static final String SAVED_VALUES = """
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
                    $26)""";

    /**
     * Records a placement's current state. $1..$25 the placement in {@link #SAVED_COLUMNS} order,
     * $26 its expiry. A later step rewrites the row but keeps its acceptance time, owner, connection
     * and expiry, and what the vendors' webhooks reported (a step that knows no Twilio status keeps the
     * one a callback recorded: an inbound call's SID is known from its first record; one that knows no
     * agent call keeps the one a connect webhook recorded, see {@link #AMEND}); a settled row
     * is left alone (no row counted).
     */
    static final String SAVE = "INSERT INTO call_placements (" + SAVED_COLUMNS + ", expires_at)\n" + SAVED_VALUES
            + """

            ON CONFLICT (placement_id) DO UPDATE
               SET state = EXCLUDED.state, call_id = COALESCE(EXCLUDED.call_id, call_placements.call_id),
                   twilio_call_sid = EXCLUDED.twilio_call_sid,
                   twilio_status = COALESCE(EXCLUDED.twilio_status, call_placements.twilio_status),
                   created_at = CASE WHEN EXCLUDED.call_id IS NULL AND call_placements.call_id IS NOT NULL
                                     THEN call_placements.created_at ELSE EXCLUDED.created_at END,
                   error_kind = EXCLUDED.error_kind, error_status = EXCLUDED.error_status,
                   ultravox_created_at = COALESCE(EXCLUDED.ultravox_created_at, call_placements.ultravox_created_at),
                   dialing_at = EXCLUDED.dialing_at,
                   dialed_at = EXCLUDED.dialed_at, failed_at = EXCLUDED.failed_at,
                   compensated_at = EXCLUDED.compensated_at, follow_up_at = EXCLUDED.follow_up_at
             WHERE call_placements.state IN ('accepted', 'ultravox_created', 'dialing')""";

    /**
     * Records a placement unless one with its id is kept already (no row counted): an inbound
     * call's first record, whose id follows from Twilio's SID. Parameters as {@link #SAVE}.
     */
    static final String SAVE_NEW = "INSERT INTO call_placements (" + SAVED_COLUMNS + ", expires_at)\n" + SAVED_VALUES
            + "\nON CONFLICT (placement_id) DO NOTHING";

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
     * since, $5 direction) and cursor ($6 accepted at, $7 placement id) match everything when null;
     * $8 limit.
     */
    static final String LIST = "SELECT " + COLUMNS + "\n" + """
              FROM call_placements
             WHERE expires_at > $1
               AND ($2::text IS NULL OR agent_id = $2)
               AND ($3::text IS NULL OR state = $3)
               AND ($4::timestamptz IS NULL OR accepted_at >= $4)
               AND ($5::text IS NULL OR direction = $5)
               AND ($6::timestamptz IS NULL OR (accepted_at, placement_id) < ($6, $7::text))
             ORDER BY accepted_at DESC, placement_id DESC
             LIMIT $8""";

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
     * Locks the kept placement with this Twilio SID, so that reports about one call are applied
     * one after the other, and reads it with its expiry. $1 SID, $2 now.
     */
    static final String LOCK_BY_TWILIO_SID = "SELECT " + COLUMNS + ", expires_at\n" + """
              FROM call_placements
             WHERE twilio_call_sid = $1 AND expires_at > $2
             ORDER BY accepted_at DESC, placement_id DESC
             LIMIT 1
               FOR UPDATE""";

    /**
     * The highest sequence number recorded for a SID (-1: none). Run after {@link #LOCK_BY_TWILIO_SID}
     * as a statement of its own: it then sees what the report that held the lock before committed
     * (a subquery of the locking statement would read the snapshot taken before the lock was granted).
     * $1 SID.
     */
    static final String LATEST_SEQUENCE = """
            SELECT COALESCE(max(sequence_number), -1) AS latest FROM call_events WHERE call_sid = $1""";

    /** Locks the kept placement with this Ultravox call id, like {@link #LOCK_BY_TWILIO_SID}. $1 call id, $2 now. */
    static final String LOCK_BY_CALL_ID = "SELECT " + COLUMNS + "\n" + """
              FROM call_placements
             WHERE call_id = $1 AND expires_at > $2
             ORDER BY accepted_at DESC, placement_id DESC
             LIMIT 1
               FOR UPDATE""";

    /** Locks the kept placement with this placement id, like {@link #LOCK_BY_TWILIO_SID}. $1 placement id, $2 now. */
    static final String LOCK_BY_PLACEMENT_ID = "SELECT " + COLUMNS + "\n" + """
              FROM call_placements
             WHERE placement_id = $1 AND expires_at > $2
               FOR UPDATE""";

    /**
     * Claims an on-answer placement's agent call: $1 placement id, $2 claimed at, $3 the webhook's
     * Twilio SID, $4 now. The conditions are {@link CallPlacement#connectable()}'s; no row: not claimed.
     */
    static final String CLAIM_AGENT_CALL = """
            UPDATE call_placements SET agent_claimed_at = $2
             WHERE placement_id = $1 AND connect_mode = 'on-answer' AND agent_claimed_at IS NULL
               AND (twilio_call_sid IS NULL OR twilio_call_sid = $3)
               AND state NOT IN ('failed', 'compensated') AND ended_at IS NULL AND conversation_ended_at IS NULL
               AND expires_at > $4
            RETURNING\s""" + COLUMNS;

    /**
     * Records a claimed placement's agent call unless one is recorded: $1 placement id, $2 Ultravox
     * call id, $3 Ultravox's creation time (null: keep), $4 {@code ultravox_created_at}, the step's
     * time (one recorded before is kept), $5 now.
     */
    static final String ATTACH_AGENT_CALL = """
            UPDATE call_placements
               SET call_id = $2, created_at = COALESCE($3, created_at),
                   ultravox_created_at = COALESCE(ultravox_created_at, $4)
             WHERE placement_id = $1 AND call_id IS NULL AND expires_at > $5""";

    /**
     * Writes what a connect or detection webhook changed of a locked placement, whatever its state:
     * $1 placement id, $2 Ultravox call id, $3 created at, $4 Ultravox step time, $5 agent claimed at,
     * $6 answered by, then the legs as in {@link #SET_LEGS}: $7 Twilio status, $8 joined, $9 conversation
     * ended, $10 end reason, $11 short summary, $12 summary, $13 ended at.
     */
    static final String AMEND = """
            UPDATE call_placements
               SET call_id = $2, created_at = $3, ultravox_created_at = $4, agent_claimed_at = $5, answered_by = $6,
                   twilio_status = $7, conversation_joined_at = $8, conversation_ended_at = $9, end_reason = $10,
                   short_summary = $11, summary = $12, ended_at = $13
             WHERE placement_id = $1""";

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

    /**
     * Writes what the vendors reported of a placement's legs. $1 placement id, $2 Twilio status,
     * $3 conversation joined, $4 conversation ended, $5 end reason, $6 short summary, $7 summary,
     * $8 ended at.
     */
    static final String SET_LEGS = """
            UPDATE call_placements
               SET twilio_status = $2, conversation_joined_at = $3, conversation_ended_at = $4, end_reason = $5,
                   short_summary = $6, summary = $7, ended_at = $8
             WHERE placement_id = $1""";

    /**
     * Claims dialled placements whose follow-up time has passed and that have not ended: $1 lease
     * end, $2 now, $3 limit. Skips rows another replica holds, like {@link #CLAIM_UNSETTLED}.
     */
    static final String CLAIM_FOLLOW_UPS = "UPDATE call_placements SET recovery_lease_until = $1\n" + """
             WHERE placement_id IN (
                   SELECT placement_id
                     FROM call_placements
                    WHERE state = 'dialed' AND ended_at IS NULL
                      AND follow_up_at <= $2
                      AND (recovery_lease_until IS NULL OR recovery_lease_until <= $2)
                      AND expires_at > $2
                    ORDER BY follow_up_at
                    LIMIT $3
                      FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    /** Records that a placement's final event was queued. $1 placement id, $2 now. */
    static final String MARK_ANNOUNCED = """
            UPDATE call_placements SET announced_at = $2 WHERE placement_id = $1 AND announced_at IS NULL""";

    /**
     * Claims placements that ended or failed before $1 and were never announced: $2 lease end,
     * $3 now, $4 limit. Skips rows another replica holds, like {@link #CLAIM_UNSETTLED}.
     */
    static final String CLAIM_UNANNOUNCED = "UPDATE call_placements SET recovery_lease_until = $2\n" + """
             WHERE placement_id IN (
                   SELECT placement_id
                     FROM call_placements
                    WHERE announced_at IS NULL AND (ended_at IS NOT NULL OR state IN ('failed', 'compensated'))
                      AND COALESCE(ended_at, failed_at, compensated_at) < $1
                      AND (recovery_lease_until IS NULL OR recovery_lease_until <= $3)
                      AND expires_at > $3
                    ORDER BY accepted_at
                    LIMIT $4
                      FOR UPDATE SKIP LOCKED)
            RETURNING\s""" + COLUMNS;

    /** Moves a placement's follow-up and releases its claim. $1 placement id, $2 next follow-up. */
    static final String POSTPONE_FOLLOW_UP = """
            UPDATE call_placements SET follow_up_at = $2, recovery_lease_until = NULL WHERE placement_id = $1""";

    /** A placement's timeline in sequence order, within its retention. $1 placement id, $2 now. */
    static final String EVENTS = """
            SELECT sequence_number, status, occurred_at, duration_seconds, answered_by, received_at
              FROM call_events
             WHERE placement_id = $1 AND expires_at > $2
             ORDER BY sequence_number""";

    /** Holds a callback that came before its SID was recorded, once. $1..$7 the callback, $8 expiry. */
    static final String HOLD_EARLY_EVENT = """
            INSERT INTO early_call_events (call_sid, sequence_number, status, occurred_at, duration_seconds,
                                           answered_by, received_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            ON CONFLICT (call_sid, sequence_number) DO NOTHING""";

    /** The callbacks held for a SID, by sequence number. $1 SID, $2 now. */
    static final String EARLY_EVENTS = """
            SELECT sequence_number, status, occurred_at, duration_seconds, answered_by, received_at
              FROM early_call_events
             WHERE call_sid = $1 AND expires_at > $2
             ORDER BY sequence_number""";

    /** Forgets the callbacks held for a SID with the given sequence numbers. $1 SID, $2 sequence numbers. */
    static final String FORGET_EARLY_EVENTS = """
            DELETE FROM early_call_events WHERE call_sid = $1 AND sequence_number = ANY($2)""";

    /** Deletes held callbacks past their time. $1 now. */
    static final String PURGE_EARLY_EVENTS = "DELETE FROM early_call_events WHERE expires_at <= $1";

    /** Deletes timeline rows past their placement's retention. $1 now. */
    static final String PURGE_EVENTS = "DELETE FROM call_events WHERE expires_at <= $1";

    /** Deletes placements past their retention, phone numbers included. $1 now. */
    static final String PURGE = "DELETE FROM call_placements WHERE expires_at <= $1";

    private CallQueries() {
    }
}
