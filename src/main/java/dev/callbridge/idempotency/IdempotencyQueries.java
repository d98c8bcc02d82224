package dev.callbridge.idempotency;

/**
 * Every SQL statement of {@link PostgresIdempotencyStore}, in one place (table
 * {@code idempotency_keys}, migration {@code V1}). Times are passed in by the store, from its
 * clock, so that one clock decides expiry in the memory and the PostgreSQL store alike.
 */
final class IdempotencyQueries {

    /**
     * Claims a key atomically: inserts a claim, or takes over a row whose time is up (a claim
     * whose lease ended because its replica died, or a finished key past its retention).
     * Returns a row only when the claim was granted.
     * $1 key, $2 fingerprint, $3 lease end, $4 now.
     */
    static final String CLAIM = """
            INSERT INTO idempotency_keys (scoped_key, fingerprint, state, expires_at)
            VALUES ($1, $2, 'claimed', $3)
            ON CONFLICT (scoped_key) DO UPDATE
               SET fingerprint = EXCLUDED.fingerprint, state = 'claimed', expires_at = EXCLUDED.expires_at,
                   status = NULL, content_type = NULL, location = NULL, body = NULL, body_omitted = false
             WHERE idempotency_keys.expires_at <= $4
            RETURNING scoped_key""";

    /** The live row of a key that could not be claimed. $1 key, $2 now. */
    static final String FIND = """
            SELECT fingerprint, state, status, content_type, location, body, body_omitted
              FROM idempotency_keys
             WHERE scoped_key = $1 AND expires_at > $2""";

    /**
     * Turns a claim into a finished key with its response, kept until the retention ends.
     * $1 key, $2 status, $3 content type, $4 location, $5 body, $6 body omitted, $7 retention end.
     */
    static final String COMPLETE = """
            UPDATE idempotency_keys
               SET state = 'finished', status = $2, content_type = $3, location = $4, body = $5,
                   body_omitted = $6, expires_at = $7
             WHERE scoped_key = $1 AND state = 'claimed'""";

    /** Forgets a claim (never a finished key). $1 key. */
    static final String RELEASE = "DELETE FROM idempotency_keys WHERE scoped_key = $1 AND state = 'claimed'";

    /** Deletes every row whose time is up. $1 now. */
    static final String PURGE = "DELETE FROM idempotency_keys WHERE expires_at <= $1";

    private IdempotencyQueries() {
    }
}
