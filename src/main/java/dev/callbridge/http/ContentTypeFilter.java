package dev.callbridge.http;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request to {@code /api/**} that sends a body without saying what it is (415).
 * The REST layer would otherwise read such a body as JSON anyway, so a client that forgot the
 * header would only learn of it from the next, stricter proxy. Runs after the API-key check.
 */
public class ContentTypeFilter {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 100)
    public void requireContentType(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/") || !WITH_BODY.contains(request.getMethod())) {
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || type.isBlank()) {
            throw StatusProblems.missingContentType();
        }
    }
}
