package dev.callbridge.guard;

/** The SQL of {@link PostgresDoNotCallList} (table in {@code V12__do_not_call.sql}). */
final class DoNotCallQueries {

    /**
     * Serialises additions: the limit counts every entry, so two numbers added at once on two
     * replicas must not both see room for one. The list changes rarely; one lock is enough.
     */
    static final String LOCK_LIST = "SELECT pg_advisory_xact_lock(hashtextextended('do_not_call', 16))";

    static final String COUNT = "SELECT count(*) FROM do_not_call";

    /** $1 number, $2 added at; no row counted when the number is listed already. */
    static final String INSERT = """
            INSERT INTO do_not_call (number, added_at) VALUES ($1, $2)
            ON CONFLICT (number) DO NOTHING""";

    static final String FIND = "SELECT number, added_at FROM do_not_call WHERE number = $1";

    static final String DELETE = "DELETE FROM do_not_call WHERE number = $1";

    /** $1 the last number of the page before (null: from the first), $2 limit. */
    static final String LIST = """
            SELECT number, added_at FROM do_not_call WHERE ($1::text IS NULL OR number > $1)
            ORDER BY number LIMIT $2""";

    private DoNotCallQueries() {
    }
}
