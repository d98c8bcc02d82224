package dev.callbridge.sandbox;

import dev.callbridge.http.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Makes the failures the REST layer raises itself under {@code /sandbox/ultravox/**} and
 * {@code /sandbox/twilio/**} (no such route, wrong method, unsupported media type, an
 * unexpected error) look like each vendor's, instead of Callbridge's problem+json: a client
 * under test must meet the errors the real vendor gives. Works on the finished response, so
 * Callbridge's own exception mapping stays the one place that maps exceptions. While the
 * sandbox is off nothing is rewritten: every {@code /sandbox/**} path is then Callbridge's 404.
 */
public class SandboxErrorShapes {

    private final boolean enabled;

    SandboxErrorShapes(SandboxConfig config) {
        this.enabled = config.enabled();
    }

    @ServerResponseFilter
    public void inVendorShape(ContainerRequestContext request, ContainerResponseContext response) {
        if (!enabled || !isProblem(response.getMediaType())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        Response vendor = path.startsWith(UltravoxSandboxAuth.PREFIX)
                ? ultravox(response.getStatus(), request.getMethod(), request.getMediaType())
                : path.startsWith(TwilioSandboxAuth.PREFIX)
                        ? twilio(response.getStatus(), path.substring(TwilioSandboxAuth.PREFIX.length() - 1))
                        : null;
        if (vendor != null) {
            response.getHeaders().remove("Content-Type");
            response.setEntity(vendor.getEntity(), null, MediaType.APPLICATION_JSON_TYPE);
        }
    }

    /** Django REST Framework's default messages for the statuses the REST layer raises. */
    static Response ultravox(int status, String method, MediaType sent) {
        return DrfErrors.detail(status, switch (status) {
            case 404 -> "Not found.";
            case 405 -> "Method \"" + method + "\" not allowed.";
            case 406 -> "Could not satisfy the request Accept header.";
            case 415 -> "Unsupported media type \"" + (sent == null ? "" : sent) + "\" in request.";
            case 400 -> "Malformed request.";
            default -> status >= 500 ? "A server error occurred." : "Request failed with status " + status + ".";
        });
    }

    /**
     * Twilio's codes for HTTP-level failures (20004, 20404, 20500, ...). A status Twilio has no
     * known code for gets 20000 plus the status, following the pattern of 20403, 20404 and 20429.
     */
    static Response twilio(int status, String path) {
        return switch (status) {
            case 404 -> TwilioErrors.notFound(path);
            case 405 -> TwilioErrors.error(405, 20004, "Method not allowed");
            default -> status >= 500 ? TwilioErrors.internal()
                    : TwilioErrors.error(status, 20000 + status, "Request failed with status " + status);
        };
    }

    private static boolean isProblem(MediaType type) {
        return type != null && MediaType.valueOf(Problem.MEDIA_TYPE).isCompatible(type);
    }
}
