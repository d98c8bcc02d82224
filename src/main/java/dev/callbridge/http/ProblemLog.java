package dev.callbridge.http;

import dev.callbridge.phone.PhoneMask;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How answered problems are logged: the one policy for every layer. A log line per refused
 * request must not let a flood of bad requests become a disk or log-pipeline problem, so
 * refusals that strangers can cause in bulk (401) are logged at DEBUG and summed up in at
 * most one WARN line a minute; shed load is DEBUG (it is counted in metrics).
 */
public final class ProblemLog {

    /** Shortest time between two WARN summaries of refused API keys. */
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    /** No summary written yet (no clock reading at class initialisation: native images fix those at build time). */
    private static final long NEVER = Long.MIN_VALUE;
    private static final AtomicLong UNAUTHORIZED = new AtomicLong();
    /** Paths that end in a phone number, which is personal data and logged masked. */
    private static final String NUMBERS = "/api/v1/numbers/";
    private static final AtomicLong LAST_SUMMARY = new AtomicLong(NEVER);

    private ProblemLog() {
    }

    /** Logs a problem answered to {@code method path} at the level its kind deserves. */
    public static void record(ApiProblemException e, String method, String rawPath) {
        String path = masked(rawPath);
        if (e.status() == 401) {
            Log.debugf("%s %s refused: %s", method, path, e.detail());
            unauthorized();
        } else if (e.status() == 503 && e.retryAfter().isPresent()) {
            // Shed load, shutdown, open breaker: expected under stress and counted in metrics.
            Log.debugf("%s %s refused: %s", method, path, e.detail());
        } else if (e.status() < 500 && path != null && path.startsWith("/webhooks/")) {
            // Vendor webhook endpoints take requests from anyone: a refusal there says nothing
            // about a client of the API, and logging each at WARN would let anyone fill the log.
            // They show in the HTTP server metrics (http_server_requests_seconds_count by status).
            Log.debugf("%s %s refused: %d %s", method, path, e.status(), e.detail());
        } else if (e.status() >= 500) {
            Log.errorf("%s %s failed: %d %s", method, path, e.status(), e.detail());
        } else if (e.status() != 404 && e.status() != 400) {
            Log.warnf("%s %s rejected: %d %s", method, path, e.status(), e.detail());
        }
    }

    private static String masked(String path) {
        if (path == null || !path.startsWith(NUMBERS) || path.length() == NUMBERS.length()) {
            return path;
        }
        String number = path.substring(NUMBERS.length()).replace("%2B", "+").replace("%2b", "+");
        return NUMBERS + PhoneMask.mask(number);
    }

    private static void unauthorized() {
        UNAUTHORIZED.incrementAndGet();
        long now = System.nanoTime();
        long last = LAST_SUMMARY.get();
        boolean due = last == NEVER || now - last >= SUMMARY_INTERVAL.toNanos();
        if (due && LAST_SUMMARY.compareAndSet(last, now)) {
            long refused = UNAUTHORIZED.getAndSet(0);
            Log.warnf("%d request(s) refused for a missing or wrong X-API-Key %s (each is logged at DEBUG; "
                    + "at most one such summary a minute)", refused,
                    last == NEVER ? "since startup" : "in the last " + Duration.ofNanos(now - last).toSeconds() + " s");
        }
    }
}
