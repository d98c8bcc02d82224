package dev.callbridge.sandbox;

import dev.callbridge.vendor.Vendor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The simulated Ultravox's authentication: the sandbox key in {@code X-API-Key}, or 401 with
 * DRF's {@code {"detail": ...}} body. Refuses every key when
 * {@code callbridge.sandbox.reject-credentials} names Ultravox.
 */
public class UltravoxSandboxAuth {

    static final String PREFIX = "/sandbox/ultravox/";

    private final boolean rejectAll;

    UltravoxSandboxAuth(SandboxConfig config) {
        this.rejectAll = config.rejectCredentials().orElse(Set.of()).contains(Vendor.ULTRAVOX);
    }

    @ServerRequestFilter
    public Response authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX) || SandboxRouteFallback.serves(resource.getResourceClass())) {
            return null;
        }
        String key = request.getHeaderString("X-API-Key");
        if (key == null || key.isBlank()) {
            return DrfErrors.detail(401, "Authentication credentials were not provided.");
        }
        boolean valid = !rejectAll && MessageDigest.isEqual(key.getBytes(StandardCharsets.UTF_8),
                SandboxCredentials.ULTRAVOX_API_KEY.getBytes(StandardCharsets.UTF_8));
        return valid ? null : DrfErrors.detail(401, "Invalid API key.");
    }
}
