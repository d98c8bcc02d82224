package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code POST /api/v1/agents/{agentId}/calls}: places a call from an agent. A resource of its
 * own because JAX-RS matches the class path first: under {@code /api/v1} the agent resource's
 * {@code /api/v1/agents} would claim this path and answer 404.
 */
@Path("/api/v1/agents/{agentId}/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentCallResource {

    private final CallService calls;

    AgentCallResource(CallService calls) {
        this.calls = calls;
    }

    /** {@code 201} with {@code Location: /api/v1/calls/{callId}}. */
    @POST
    public Uni<Response> place(@PathParam("agentId") String agentId, PlaceCallRequest request) {
        return calls.place(agentId, request).map(call -> Response
                .created(URI.create("/api/v1/calls/" + call.callId()))
                .entity(call)
                .build());
    }
}
