package dev.callbridge.agent;

import dev.callbridge.http.ApiDocs;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.http.Detached;
import dev.callbridge.http.Problem;
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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
// Failures every operation can meet; each method adds its own.
@APIResponse(responseCode = "401", description = "Missing or unknown X-API-Key.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                examples = @ExampleObject(name = "unauthorized", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
@APIResponse(responseCode = "429", description = "Ultravox asked to slow down; see Retry-After.",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying.",
                schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "502", description = "Ultravox failed, refused Callbridge's key or could not be reached.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "504", description = "Ultravox did not answer in time.",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AgentResource {

    private final AgentService agents;
    private final Idempotency idempotency;

    AgentResource(AgentService agents, Idempotency idempotency) {
        this.agents = agents;
        this.idempotency = idempotency;
    }

    @POST
    @Operation(summary = "Create an agent", description = "Creates an Ultravox agent from a name and a call template. "
            + "Template fields Callbridge does not know are passed to Ultravox unchanged.")
    @APIResponse(responseCode = "201", description = "Created; Location names the new agent.",
            headers = @Header(name = "Location", description = "URL of the new agent."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields; `errors` lists each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "validation", value = ApiDocs.VALIDATION_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "The same Idempotency-Key is still being processed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Ultravox rejected the agent, or the Idempotency-Key was used "
            + "with a different body.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> create(CreateAgentRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        // An agent creation Ultravox has started runs to its end even if the client goes away.
        return Detached.run(() -> idempotency.run(idempotencyKey, apiKey, "POST", "/api/v1/agents", request,
                () -> agents.create(request).map(agent -> Response.status(Response.Status.CREATED)
                        .header(HttpHeaders.LOCATION, "/api/v1/agents/" + agent.agentId())
                        .entity(agent)
                        .build())));
    }

    @GET
    @Operation(summary = "List agents", description = "One page of agents; follow `next` with `?cursor=`.")
    @APIResponse(responseCode = "200", description = "One page of agents.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentPage.class)))
    @APIResponse(responseCode = "400", description = "Invalid pageSize.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<AgentPage> list(
            @Parameter(description = "Cursor from a previous page's `next` or `previous`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Agents per page.", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "1"))
            @QueryParam("pageSize") String pageSize) {
        return agents.list(cursor, pageSize);
    }

    @GET
    @Path("/{agentId}")
    @Operation(summary = "Get an agent")
    @APIResponse(responseCode = "200", description = "The agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class)))
    @APIResponse(responseCode = "404", description = "No agent with this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Agent> get(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId) {
        return agents.get(agentId);
    }

    @PATCH
    @Path("/{agentId}")
    @Consumes({MediaType.APPLICATION_JSON, UpdateAgentRequest.MERGE_PATCH_JSON})
    @Operation(summary = "Update an agent", description = "Changes the name and/or merges fields into the "
            + "call template (JSON merge patch: null removes a field).")
    @APIResponse(responseCode = "200", description = "The updated agent.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Agent.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid fields; `errors` lists each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No agent with this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Ultravox rejected the change.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Agent> update(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId,
            UpdateAgentRequest request) {
        return agents.update(agentId, request);
    }

    @DELETE
    @Path("/{agentId}")
    @Operation(summary = "Delete an agent")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No agent with this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> delete(@Parameter(description = "The agent's UUID.") @PathParam("agentId") String agentId) {
        return agents.delete(agentId).map(ignored -> Response.noContent().build());
    }
}
