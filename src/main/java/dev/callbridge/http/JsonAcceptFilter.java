package dev.callbridge.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Arrays;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets a client that accepts a JSON type other than {@code application/json} get its success as
 * {@code application/json}. Generated clients send the media types of every response of an
 * operation, often {@code application/problem+json} first or alone; the resources produce only
 * {@code application/json}, so content negotiation would answer {@code 406}. Such an
 * {@code Accept} header gets {@code application/json} added before route matching. Errors are
 * {@code application/problem+json} whatever the client asked for, as before.
 */
public class JsonAcceptFilter {

    /** Runs before matching, where the {@code Accept} header still decides which method answers. */
    @ServerRequestFilter(preMatching = true)
    public void acceptJson(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (wantsJsonButNotPlainJson(accept)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept + ", application/json");
        }
    }

    /**
     * True when {@code accept} lists a {@code +json} type and nothing that already covers
     * {@code application/json}. A client that names {@code application/json} itself, even with
     * {@code q=0}, has decided, and is left alone.
     */
    static boolean wantsJsonButNotPlainJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        String[] ranges = Arrays.stream(accept.split(","))
                .map(range -> range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .toArray(String[]::new);
        for (String range : ranges) {
            if (range.equals("application/json") || range.equals("application/*") || range.equals("*/*")) {
                return false;
            }
        }
        return Arrays.stream(ranges).anyMatch(range -> range.startsWith("application/") && range.endsWith("+json"));
    }
}
