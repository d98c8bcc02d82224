package dev.callbridge.http;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.CompositeException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Turns an {@link ApiProblemException} into the {@link Problem} body and the HTTP response
 * that carries it. The only place that decides how a problem looks on the wire.
 */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The problem body for this failure, for the request path {@code instance}. */
    public static Problem body(ApiProblemException e, String instance) {
        List<FieldError> errors = e.fieldErrors().isEmpty() ? null : e.fieldErrors();
        return new Problem(Problem.TYPE_PREFIX + e.kind(), e.title(), e.status(), e.detail(),
                instance, RequestIds.current(), errors);
    }

    /**
     * The problem a failure of {@code method path} is answered with, logged by
     * {@link ProblemLog}: the failure itself when it is a problem (also inside a Mutiny
     * {@link CompositeException}), otherwise a 500 whose cause is logged with its stack trace.
     */
    public static ApiProblemException problemOf(Throwable failure, String method, String path) {
        Throwable first = failure instanceof CompositeException composite && !composite.getCauses().isEmpty()
                ? composite.getCauses().get(0) : failure;
        if (first instanceof ApiProblemException problem) {
            ProblemLog.record(problem, method, path);
            return problem;
        }
        Log.errorf(first, "Unexpected failure on %s %s", method, path);
        return StatusProblems.internal();
    }

    /** A JAX-RS response with the problem body, content type and {@code Retry-After}. */
    public static Response response(ApiProblemException e, String instance) {
        Response.ResponseBuilder builder = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(body(e, instance));
        e.retryAfter().ifPresent(d -> builder.header("Retry-After", Math.max(1, d.toSeconds())));
        return builder.build();
    }
}
