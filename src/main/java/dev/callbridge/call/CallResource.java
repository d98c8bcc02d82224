package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * Outbound calls: {@code POST /api/v1/agents/{agentId}/calls} places one,
 * {@code GET /api/v1/calls/{callId}} reports on it, {@code DELETE /api/v1/calls/{callId}} hangs up.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallResource {

    private final CallService calls;

    CallResource(CallService calls) {
        this.calls = calls;
    }

    @POST
    @Path("/agents/{agentId}/calls")
    public Uni<Response> place(@PathParam("agentId") String agentId, PlaceCallRequest request) {
        return calls.place(agentId, request).map(call -> Response
                .created(URI.create("/api/v1/calls/" + call.callId()))
                .entity(call)
                .build());
    }

    @GET
    @Path("/calls/{callId}")
    public Uni<CallDetails> get(@PathParam("callId") String callId) {
        return calls.details(callId);
    }

    @DELETE
    @Path("/calls/{callId}")
    public Uni<Response> hangUp(@PathParam("callId") String callId) {
        return calls.hangUp(callId).map(ignored -> Response.noContent().build());
    }
}
