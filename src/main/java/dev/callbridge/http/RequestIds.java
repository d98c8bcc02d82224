package dev.callbridge.http;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Request ids: the caller's {@code X-Request-Id} when it is well-formed, a fresh UUID
 * otherwise. {@link HttpEdge} assigns one to every request; it is echoed in the response
 * header, written into every problem+json body and kept in the logging context
 * (MDC key {@code requestId}), which Quarkus stores on the request's Vert.x context so
 * asynchronous steps of the same request log it too.
 */
public final class RequestIds {

    /** Header carrying the id in both directions. */
    public static final String HEADER = "X-Request-Id";
    /** Key of the id in the routing context and in the MDC. */
    public static final String KEY = "requestId";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** The caller's id when it is safe to log and echo, otherwise a new one. */
    public static String accept(String offered) {
        if (offered != null && WELL_FORMED.matcher(offered).matches()) {
            return offered;
        }
        return UUID.randomUUID().toString();
    }

    /** The id of the request being handled, read from the logging context. */
    public static String current() {
        Object id = MDC.get(KEY);
        return id == null ? null : id.toString();
    }
}
