package dev.callbridge.agent;

import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.idempotency.Idempotency;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /api/v1/agents}: create, list, read, update and delete Ultravox agents.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentResource {

    private final AgentService agents;
    private final Idempotency idempotency;

    AgentResource(AgentService agents, Idempotency idempotency) {
        this.agents = agents;
        this.idempotency = idempotency;
    }

    @POST
    public Uni<Response> create(CreateAgentRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return idempotency.run(idempotencyKey, apiKey, "POST", "/api/v1/agents", request,
                () -> agents.create(request).map(agent -> Response
                        .created(URI.create("/api/v1/agents/" + agent.agentId()))
                        .entity(agent)
                        .build()));
    }

    @GET
    public Uni<AgentPage> list(@QueryParam("cursor") String cursor, @QueryParam("pageSize") String pageSize) {
        return agents.list(cursor, pageSize);
    }

    @GET
    @Path("/{agentId}")
    public Uni<Agent> get(@PathParam("agentId") String agentId) {
        return agents.get(agentId);
    }

    @PATCH
    @Path("/{agentId}")
    public Uni<Agent> update(@PathParam("agentId") String agentId, UpdateAgentRequest request) {
        return agents.update(agentId, request);
    }

    @DELETE
    @Path("/{agentId}")
    public Uni<Response> delete(@PathParam("agentId") String agentId) {
        return agents.delete(agentId).map(ignored -> Response.noContent().build());
    }
}
