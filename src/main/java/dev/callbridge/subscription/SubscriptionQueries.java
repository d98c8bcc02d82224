package dev.callbridge.subscription;

/** The SQL of {@link PostgresSubscriptionStore} (tables in {@code V6__webhook_subscriptions.sql}). */
final class SubscriptionQueries {

    /** Serialises creations of one owner, so the count below cannot be passed by a race. */
    static final String LOCK_OWNER = "SELECT pg_advisory_xact_lock(hashtextextended($1, 15))";

    static final String CREATE = """
            INSERT INTO webhook_subscriptions (id, owner, url, events, secret, created_at)
            SELECT $1, $2, $3, $4, $5, $6
            WHERE (SELECT count(*) FROM webhook_subscriptions WHERE owner = $2) < $7""";

    static final String LIST = """
            SELECT * FROM webhook_subscriptions WHERE owner = $1 ORDER BY created_at, id""";

    static final String FIND = "SELECT * FROM webhook_subscriptions WHERE owner = $1 AND id = $2";

    static final String DELETE = "DELETE FROM webhook_subscriptions WHERE owner = $1 AND id = $2";

    /** One row per subscription of the owner that wants the type; a repeated event adds none. */
    static final String ENQUEUE = """
            INSERT INTO webhook_deliveries (subscription_id, event_id, type, placement_id, body, state,
                next_attempt_at, created_at, expires_at)
            SELECT s.id, $2, $3, $4, $5, 'pending', $6, $6, $7
            FROM webhook_subscriptions s WHERE s.owner = $1 AND $3 = ANY (s.events)
            ORDER BY s.id
            ON CONFLICT (subscription_id, event_id) DO NOTHING""";

    /**
     * Claims due deliveries: the first pending one of each call and subscription, not held by a
     * live lease; rows another replica is claiming are skipped rather than waited for.
     */
    static final String CLAIM = """
            WITH due AS (
                SELECT d.seq FROM webhook_deliveries d
                WHERE d.state = 'pending' AND d.next_attempt_at <= $1
                  AND (d.lease_until IS NULL OR d.lease_until <= $1)
                  AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                      WHERE e.subscription_id = d.subscription_id AND e.placement_id = d.placement_id
                        AND e.state = 'pending' AND e.seq < d.seq)
                ORDER BY d.next_attempt_at, d.seq
                LIMIT $3
                FOR UPDATE OF d SKIP LOCKED)
            UPDATE webhook_deliveries d SET lease_until = $2, lease_token = $4 || '-' || d.seq
            FROM due, webhook_subscriptions s
            WHERE d.seq = due.seq AND s.id = d.subscription_id
            RETURNING d.*, s.url, s.secret""";

    static final String RECORD = """
            UPDATE webhook_deliveries SET state = $3, attempts = attempts + 1, last_status = $4, last_error = $5,
                next_attempt_at = coalesce($6, next_attempt_at), delivered_at = $7,
                lease_until = NULL, lease_token = NULL, expires_at = $8
            WHERE seq = $1 AND lease_token = $2""";

    static final String DELIVERIES = """
            SELECT * FROM webhook_deliveries
            WHERE subscription_id = $1 AND ($2::text IS NULL OR state = $2) AND ($3::bigint IS NULL OR seq < $3)
            ORDER BY seq DESC LIMIT $4""";

    static final String PENDING = "SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'";

    static final String PURGE = "DELETE FROM webhook_deliveries WHERE state <> 'pending' AND expires_at <= $1";

    private SubscriptionQueries() {
    }
}
