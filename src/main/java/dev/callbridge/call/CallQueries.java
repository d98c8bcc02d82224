package dev.callbridge.call;

/**
 * Every SQL statement of {@link PostgresCallRegistry}, in one place (table {@code calls},
 * migration {@code V1}). Times come from the registry's clock.
 */
final class CallQueries {

    /** Records a call, replacing an earlier record of the same id. $1..$6 the record, $7 expiry. */
    static final String PUT = """
            INSERT INTO calls (call_id, twilio_call_sid, agent_id, to_number, from_number, created_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (call_id) DO UPDATE
               SET twilio_call_sid = EXCLUDED.twilio_call_sid, agent_id = EXCLUDED.agent_id,
                   to_number = EXCLUDED.to_number, from_number = EXCLUDED.from_number,
                   created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at""";

    /** A call still within its retention. $1 call id, $2 now. */
    static final String FIND = """
            SELECT call_id, twilio_call_sid, agent_id, to_number, from_number, created_at
              FROM calls
             WHERE call_id = $1 AND expires_at > $2""";

    /** Deletes calls past their retention, phone numbers included. $1 now. */
    static final String PURGE = "DELETE FROM calls WHERE expires_at <= $1";

    private CallQueries() {
    }
}
