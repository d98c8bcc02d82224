package dev.callbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The HTTP edge below the REST layer: assigns request ids before any route runs, and
 * answers with problem+json where no resource method is involved (unknown paths,
 * bodies over the size limit, failures raised by Vert.x itself).
 */
@ApplicationScoped
public class HttpEdge {

    private final ObjectMapper mapper;
    private final long maxBodyBytes;

    HttpEdge(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::assignRequestId);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::renderFailure);
        router.route().order(Integer.MAX_VALUE).handler(this::renderNotFound);
    }

    private void assignRequestId(RoutingContext rc) {
        String id = RequestIds.accept(rc.request().getHeader(RequestIds.HEADER));
        rc.put(RequestIds.KEY, id);
        MDC.put(RequestIds.KEY, id);
        rc.response().putHeader(RequestIds.HEADER, id);
        if (declaredLength(rc) > maxBodyBytes) {
            // Answer before Quarkus' own check, which replies 413 with an empty body.
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(rc, StatusProblems.payloadTooLarge());
            return;
        }
        rc.next();
    }

    private static long declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void renderNotFound(RoutingContext rc) {
        write(rc, new ApiProblemException(404, "not-found", "Not Found",
                "No endpoint matches " + rc.request().method() + " " + rc.request().path() + "."));
    }

    private void renderFailure(RoutingContext rc) {
        if (rc.response().ended() || rc.response().headWritten()) {
            return;
        }
        write(rc, EdgeFailures.toProblem(rc.statusCode(), rc.failure(), rc.request().path()));
    }

    private void write(RoutingContext rc, ApiProblemException problem) {
        try {
            byte[] body = mapper.writeValueAsBytes(ProblemResponses.body(problem, rc.request().path()));
            rc.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (JsonProcessingException e) {
            Log.error("Could not render a problem body", e);
            rc.response().setStatusCode(problem.status()).end();
        }
    }
}
