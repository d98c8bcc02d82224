package dev.callbridge.agent;

import dev.callbridge.http.ApiDocs;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.http.Detached;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/agents}: create, list, read, update and delete Ultravox agents.
 */
@Path("/api/v1/agents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "Ultravox voice agents: the prompt, voice and settings a call runs with.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
public class AgentResource {

    private final AgentService agents;
    private final Idempotency idempotency;

    AgentResource(AgentService agents, Idempotency idempotency) {
        this.agents = agents;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(operationId = "createAgent", summary = "Create an agent", description = "Creates an Ultravox agent "
            + "from a name and a call template. Template fields Callbridge does not know are passed to Ultravox "
            + "unchanged. Send `Idempotency-Key` to make a retry safe.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new agent.",
            headers = {@Header(name = ApiDocs.LOCATION_HEADER, ref = ApiDocs.LOCATION_HEADER),
                    @Header(name = ApiDocs.REPLAYED_HEADER, ref = ApiDocs.REPLAYED_HEADER)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class),
                    examples = @ExampleObject(name = "created", value = ApiDocs.AGENT_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER,
            description = "Makes a retry safe: 1-255 printable ASCII characters, unique per request.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateAgentRequest.class),
            examples = @ExampleObject(name = "quickstart", summary = "The Quickstart's agent",
                    value = ApiDocs.CREATE_AGENT_EXAMPLE)))
    public Uni<Response> create(CreateAgentRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            // Read for the idempotency scope; the security scheme already documents the header.
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        // An agent creation Ultravox has started runs to its end even if the client goes away.
        return Detached.run(() -> idempotency.run(idempotencyKey, apiKey, "POST", "/api/v1/agents", request,
                scoped -> agents.create(request).map(agent -> Response.status(Response.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/v1/agents/" + agent.agentId())
                        .entity(agent)
                        .build())));
    }

    @GET
    @Operation(operationId = "listAgents", summary = "List agents",
            description = "One page of agents; follow `next` with `?cursor=`.")
    @APIResponse(responseCode = "200", description = "One page of agents.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Uni<AgentPage> list(
            @Parameter(description = "Cursor from a previous page's `next` or `previous`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Agents per page.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("pageSize") String pageSize) {
        return agents.list(cursor, pageSize);
    }

    @GET
    @Path("/{agentId}")
    @Operation(operationId = "getAgent", summary = "Get an agent")
    @APIResponse(responseCode = "200", description = "The agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class),
                    examples = @ExampleObject(name = "agent", value = ApiDocs.AGENT_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Agent> get(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId) {
        return agents.get(agentId);
    }

    @PATCH
    @Path("/{agentId}")
    @Consumes({MediaType.APPLICATION_JSON, UpdateAgentRequest.MERGE_PATCH_JSON})
    @Operation(operationId = "updateAgent", summary = "Update an agent", description = "Changes the name and/or "
            + "merges fields into the call template (JSON merge patch: null removes a field).")
    @APIResponse(responseCode = "200", description = "The updated agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UpdateAgentRequest.class),
            examples = @ExampleObject(name = "renameAndRemoveVoice", summary = "Rename, remove the voice, set the temperature",
                    value = ApiDocs.UPDATE_AGENT_EXAMPLE)))
    public Uni<Agent> update(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId,
            UpdateAgentRequest request) {
        return agents.update(agentId, request);
    }

    @DELETE
    @Path("/{agentId}")
    @Operation(operationId = "deleteAgent", summary = "Delete an agent")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Response> delete(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId) {
        return agents.delete(agentId).map(ignored -> Response.noContent().build());
    }
}
