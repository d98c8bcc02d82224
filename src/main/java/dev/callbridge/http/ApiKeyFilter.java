package dev.callbridge.http;

import dev.callbridge.config.ServiceConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards every {@code /api/**} route with the {@code X-API-Key} header. Runs before route
 * matching, so an unauthenticated caller learns nothing about which routes exist.
 * Keys are compared as SHA-256 digests with {@link MessageDigest#isEqual}, in constant time
 * and independent of their length.
 */
public class ApiKeyFilter {

    /** Header that carries the caller's key. */
    public static final String HEADER = "X-API-Key";

    private final List<byte[]> acceptedDigests;

    ApiKeyFilter(ServiceConfig config) {
        this.acceptedDigests = config.apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(k -> !k.isEmpty())
                .map(ApiKeyFilter::digest)
                .toList();
    }

    @ServerRequestFilter(preMatching = true)
    public void authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return;
        }
        String offered = request.getHeaderString(HEADER);
        if (offered == null || offered.isBlank()) {
            throw unauthorized("Send your Callbridge API key in the X-API-Key header.");
        }
        if (!accepts(offered)) {
            throw unauthorized("The X-API-Key header does not hold a valid Callbridge API key.");
        }
    }

    private boolean accepts(String offered) {
        byte[] candidate = digest(offered);
        boolean match = false;
        for (byte[] accepted : acceptedDigests) {
            match |= MessageDigest.isEqual(accepted, candidate);
        }
        return match;
    }

    private static ApiProblemException unauthorized(String detail) {
        return new ApiProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
