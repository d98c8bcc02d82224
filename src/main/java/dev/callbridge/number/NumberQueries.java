package dev.callbridge.number;

/** The SQL of {@link PostgresNumberRouteStore} (table in {@code V9__number_routes.sql}). */
final class NumberQueries {

    /**
     * Serialises every write of a route: the limit counts all routes, so two new numbers put at
     * once on two replicas must not both see room for one. Routes change rarely; one lock is enough.
     */
    static final String LOCK_ROUTES = "SELECT pg_advisory_xact_lock(hashtextextended('number_routes', 16))";

    static final String FIND = "SELECT * FROM number_routes WHERE number = $1";

    static final String CURRENT = "SELECT owner, created_at FROM number_routes WHERE number = $1";

    static final String COUNT = "SELECT count(*) FROM number_routes";

    static final String INSERT = """
            INSERT INTO number_routes (number, owner, agent_id, template_context, metadata, greeting,
                created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            RETURNING *""";

    /** Replaces the owner's route; {@code created_at} is kept. */
    static final String REPLACE = """
            UPDATE number_routes SET agent_id = $3, template_context = $4, metadata = $5, greeting = $6,
                updated_at = $7
            WHERE number = $1 AND owner = $2
            RETURNING *""";

    static final String LIST = """
            SELECT * FROM number_routes WHERE owner = $1 AND ($2::text IS NULL OR number > $2)
            ORDER BY number LIMIT $3""";

    static final String DELETE = "DELETE FROM number_routes WHERE owner = $1 AND number = $2";

    private NumberQueries() {
    }
}
