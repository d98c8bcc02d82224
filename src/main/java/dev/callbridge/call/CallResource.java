package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/calls/{callId}}: the live state of a placed call, and hanging it up.
 * Calls are placed through {@link AgentCallResource}.
 */
@Path("/api/v1/calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private final CallService calls;

    CallResource(CallService calls) {
        this.calls = calls;
    }

    @GET
    @Path("/{callId}")
    public Uni<CallDetails> get(@PathParam("callId") String callId) {
        return calls.details(callId);
    }

    /** Hangs up ({@code 204}); repeating it is harmless. */
    @DELETE
    @Path("/{callId}")
    public Uni<Response> hangUp(@PathParam("callId") String callId) {
        return calls.hangUp(callId).map(ignored -> Response.noContent().build());
    }
}
