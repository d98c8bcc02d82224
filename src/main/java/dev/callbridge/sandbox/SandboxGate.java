package dev.callbridge.sandbox;

import dev.callbridge.http.StatusProblems;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Hides the simulator when it is off: every {@code /sandbox/**} request is answered with the
 * same 404 problem as an unknown path, before routing, so nothing reveals that it exists.
 * A runtime check (not a build-time switch) so one build serves both modes.
 */
public class SandboxGate {

    static final String PREFIX = "/sandbox";

    private final boolean enabled;

    SandboxGate(SandboxConfig config) {
        this.enabled = config.enabled();
    }

    @ServerRequestFilter(preMatching = true)
    public void hideWhenDisabled(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!enabled && (path.equals(PREFIX) || path.startsWith(PREFIX + "/"))) {
            throw StatusProblems.forStatus(404, request.getMethod(), path);
        }
    }
}
