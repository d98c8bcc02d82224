package dev.callbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.quarkus.runtime.configuration.MemorySize;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.MDC;

/**
 * The HTTP edge below the REST layer: assigns request ids before any route runs, and
 * answers with problem+json where no resource method is involved (unknown paths,
 * bodies over the size limit, over-long URIs and headers, failures raised by Vert.x itself).
 *
 * <p>Vert.x refuses an over-long request line or header block in its decoder, with an empty
 * body, before any handler of Callbridge runs. So its own limits are set four times higher
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) and the real
 * limits, {@link #MAX_URI_LENGTH} and {@link #MAX_HEADER_BYTES}, are checked here, where the
 * refusal can carry a problem body and a request id.
 */
@ApplicationScoped
public class HttpEdge {

    /** Longest request URI (path and query) accepted, in characters. */
    public static final int MAX_URI_LENGTH = 4096;
    /** Most bytes of header names and values accepted in one request. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    /** Where Quarkus' HTTP metrics read a request's route template from. */
    private static final String METRICS_TEMPLATE = "UrlPathTemplate";

    private final ObjectMapper mapper;
    private final long maxBodyBytes;
    /**
     * Reads a body of unknown length (chunked) before the REST layer does: past the limit it
     * fails the route with 413, which {@link #renderFailure} answers as a problem, where the
     * REST layer's own reader would answer an empty 413 and log the overflow as an error.
     */
    private final BodyHandler chunkedBodies;

    HttpEdge(ObjectMapper mapper,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.mapper = mapper;
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
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
        if (rc.request().uri().length() > MAX_URI_LENGTH) {
            refuseAndClose(rc, StatusProblems.uriTooLong(MAX_URI_LENGTH));
            return;
        }
        if (headerBytes(rc) > MAX_HEADER_BYTES) {
            refuseAndClose(rc, StatusProblems.headersTooLarge(MAX_HEADER_BYTES));
            return;
        }
        if (rc.request().path() != null && rc.request().path().contains("//")) {
            // No route has an empty segment. Quarkus' HTTP metrics strip extra leading slashes
            // and then take the stripped path for a route template, one series per path a
            // stranger makes up; naming the template (the key Quarkus' REST layer uses) keeps
            // all of them in one series.
            ((HttpServerRequestInternal) rc.request()).context().putLocal(METRICS_TEMPLATE, "/{malformed}");
            renderNotFound(rc);
            return;
        }
        if (declaredLength(rc) > maxBodyBytes) {
            // Answer before Quarkus' own check, which replies 413 with an empty body.
            refuseAndClose(rc, StatusProblems.payloadTooLarge());
            return;
        }
        if (rc.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            rc.response().putHeader(HttpHeaders.CONNECTION, "close");
            chunkedBodies.handle(rc);
            return;
        }
        rc.next();
    }

    /**
     * Answers {@code problem} and closes the connection: the rest of an over-large request is
     * not read, so the connection cannot carry another one.
     */
    private void refuseAndClose(RoutingContext rc, ApiProblemException problem) {
        rc.response().putHeader(HttpHeaders.CONNECTION, "close");
        write(rc, problem);
    }

    private static long headerBytes(RoutingContext rc) {
        long bytes = 0;
        for (java.util.Map.Entry<String, String> header : rc.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
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
