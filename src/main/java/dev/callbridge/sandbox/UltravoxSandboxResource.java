package dev.callbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulated Ultravox REST API under {@code /sandbox/ultravox/api}: agents, agent calls and
 * the call list, with Ultravox's paths, status codes and error bodies. Bodies are read as text
 * and parsed here, so even malformed input gets a vendor-shaped answer rather than Callbridge's own.
 */
@Path("/sandbox/ultravox/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class UltravoxSandboxResource {

    /** The data message types Ultravox takes over REST. */
    static final java.util.Set<String> DATA_MESSAGE_TYPES = java.util.Set.of("hang_up", "user_text_message",
            "forced_agent_message");

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;
    /** Seconds a client is told to wait after a concurrency 429. */
    static final long RETRY_AFTER_SECONDS = 2;

    private final SandboxAgents agents;
    private final SandboxUltravoxCalls calls;
    private final ObjectMapper json;
    private final AnswerDelays delays;
    private final int maxConcurrent;

    UltravoxSandboxResource(SandboxAgents agents, SandboxUltravoxCalls calls, ObjectMapper json, AnswerDelays delays,
            SandboxConfig config) {
        this.agents = agents;
        this.calls = calls;
        this.json = json;
        this.delays = delays;
        this.maxConcurrent = config.maxConcurrentCalls();
    }

    @POST
    @Path("/agents")
    public Response createAgent(String body) {
        ObjectNode request;
        try {
            request = object(body);
        } catch (BadBody bad) {
            return bad.response;
        }
        Map<String, List<String>> errors = AgentRequests.errors(request, false);
        if (!errors.isEmpty()) {
            return DrfErrors.fields(errors);
        }
        ObjectNode template = AgentRequests.writableTemplate(request.get("callTemplate"));
        // Merging into nothing drops the nulls: protobuf JSON reads them as unset fields.
        ObjectNode stored = template == null ? null : CallTemplateMerge.merge(null, template);
        return agents.create(request.get("name").asText(), stored)
                .map(agent -> Response.status(201).entity(agent.toJson()).build())
                .orElseGet(() -> DrfErrors.detail(400, "The sandbox holds as many agents as it may "
                        + "(callbridge.sandbox.max-records); delete some first."));
    }

    @GET
    @Path("/agents")
    public Response listAgents(@QueryParam("cursor") String cursor, @QueryParam("pageSize") String pageSize,
            @QueryParam("sort") String sort, @Context UriInfo uri) {
        if (!isCursor(cursor)) {
            return DrfErrors.detail(404, "Invalid cursor");
        }
        boolean ascending = "created".equals(sort);
        SequencePage<SandboxAgent> page = agents.list(cursor(cursor), pageSize(pageSize), ascending);
        return Response.ok(envelope(uri, page, SandboxAgent::toJson)).build();
    }

    @GET
    @Path("/agents/{agentId}")
    public Response getAgent(@PathParam("agentId") String agentId) {
        return agents.get(agentId).map(a -> Response.ok(a.toJson()).build())
                .orElseGet(() -> DrfErrors.notFound("Agent"));
    }

    /**
     * Changes the name and/or merges the given call-template fields into the agent's: a deep
     * merge in which {@code null} unsets a field (see {@link CallTemplateMerge}).
     */
    @PATCH
    @Path("/agents/{agentId}")
    public Response patchAgent(@PathParam("agentId") String agentId, String body) {
        ObjectNode request;
        try {
            request = object(body);
        } catch (BadBody bad) {
            return bad.response;
        }
        Optional<SandboxAgent> current = agents.get(agentId);
        if (current.isEmpty()) {
            return DrfErrors.notFound("Agent");
        }
        Map<String, List<String>> errors = AgentRequests.errors(request, true);
        if (!errors.isEmpty()) {
            return DrfErrors.fields(errors);
        }
        String name = request.hasNonNull("name") ? request.get("name").asText() : current.get().name();
        ObjectNode changes = AgentRequests.writableTemplate(request.get("callTemplate"));
        ObjectNode template = changes == null ? current.get().callTemplate()
                : CallTemplateMerge.merge(current.get().callTemplate(), changes);
        return agents.update(agentId, name, template).map(a -> Response.ok(a.toJson()).build())
                .orElseGet(() -> DrfErrors.notFound("Agent"));
    }

    @DELETE
    @Path("/agents/{agentId}")
    public Response deleteAgent(@PathParam("agentId") String agentId) {
        return agents.delete(agentId) ? Response.noContent().build() : DrfErrors.notFound("Agent");
    }

    /**
     * Creates a call from the agent; its {@code 201} may be held for
     * {@code callbridge.sandbox.delay.ultravox-call-create} after the call exists ({@link AnswerDelays}).
     */
    @POST
    @Path("/agents/{agentId}/calls")
    @Blocking
    public Uni<Response> createAgentCall(@PathParam("agentId") String agentId, String body) {
        return delays.ultravoxCallCreate(placeAgentCall(agentId, body));
    }

    /**
     * One page of the account's calls, newest first, filtered like Ultravox's {@code GET /api/calls}
     * ({@link UltravoxCallQuery}); each call as {@code GET /api/calls/{id}} shows it. As in DRF,
     * the filters are checked (400) before the cursor (404).
     */
    @GET
    @Path("/calls")
    public Response listCalls(@Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        UltravoxCallQuery.Outcome query = UltravoxCallQuery.read(params);
        if (query.error() != null) {
            return query.error();
        }
        String cursor = params.getFirst("cursor");
        if (!isCursor(cursor)) {
            return DrfErrors.detail(404, "Invalid cursor");
        }
        boolean ascending = query.query().ascending();
        List<SimulatedUltravoxCall> ordered = new ArrayList<>(calls.matching(query.query()::matches));
        if (!ascending) {
            Collections.reverse(ordered);
        }
        SequencePage<SimulatedUltravoxCall> page = SequencePage.at(ordered, SimulatedUltravoxCall::seq,
                cursor(cursor), pageSize(params.getFirst("pageSize")), ascending);
        return Response.ok(envelope(uri, page, calls::toJson)).build();
    }

    @GET
    @Path("/calls/{callId}")
    public Response getCall(@PathParam("callId") String callId) {
        return calls.get(callId).map(c -> Response.ok(calls.toJson(c)).build())
                .orElseGet(() -> DrfErrors.notFound("Call"));
    }

    /**
     * {@code POST /api/calls/{callId}/send_data_message}: a message to a live call, as Ultravox
     * takes it: {@code hang_up} ends the call; {@code user_text_message} and
     * {@code forced_agent_message} are kept on the call (the simulated agent does not speak); 422 when
     * the call is not active (not joined yet, or ended).
     */
    @POST
    @Path("/calls/{callId}/send_data_message")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sendDataMessage(@PathParam("callId") String callId, String body) {
        ObjectNode message;
        try {
            message = object(body);
        } catch (BadBody bad) {
            return bad.response;
        }
        String type = message.path("type").asText("");
        if (!DATA_MESSAGE_TYPES.contains(type)) {
            return DrfErrors.field("type", "\"" + type + "\" is not a valid choice.");
        }
        Optional<SimulatedUltravoxCall> call = calls.get(callId);
        if (call.isEmpty()) {
            return DrfErrors.notFound("Call");
        }
        if (!call.get().talking()) {
            return DrfErrors.detail(422, "Call is not active.");
        }
        if ("hang_up".equals(type)) {
            calls.end(call.get(), "agent_hangup");
        } else {
            call.get().took(message.toString());
        }
        return Response.noContent().build();
    }

    @DELETE
    @Path("/calls/{callId}")
    public Response deleteCall(@PathParam("callId") String callId) {
        return calls.delete(callId) ? Response.noContent().build() : DrfErrors.notFound("Call");
    }

    private Response placeAgentCall(String agentId, String body) {
        ObjectNode request;
        try {
            request = object(body);
        } catch (BadBody bad) {
            return bad.response;
        }
        Optional<SandboxAgent> agent = agents.get(agentId);
        if (agent.isEmpty()) {
            return DrfErrors.notFound("Agent");
        }
        AgentCallRequests.Outcome outcome = AgentCallRequests.prepare(agent.get(), request);
        if (outcome.error() != null) {
            return outcome.error();
        }
        Optional<SimulatedUltravoxCall> call = calls.create(outcome.prepared());
        if (call.isEmpty()) {
            return DrfErrors.throttled(RETRY_AFTER_SECONDS,
                    "Concurrent call limit of " + maxConcurrent + " reached.");
        }
        agents.countCall(agentId);
        return Response.status(201).entity(calls.toJson(call.get())).build();
    }

    private ObjectNode object(String body) throws BadBody {
        if (body == null || body.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadBody(DrfErrors.detail(400, "JSON parse error - " + e.getOriginalMessage()));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BadBody(DrfErrors.field("non_field_errors",
                    "Invalid data. Expected a dictionary, but got " + node.getNodeType().name().toLowerCase() + "."));
        }
        return object;
    }

    /** DRF ignores a page size it cannot read and caps a large one. */
    private static int pageSize(String raw) {
        try {
            int size = Integer.parseInt(raw);
            return size < 1 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
        } catch (NumberFormatException e) {
            return DEFAULT_PAGE_SIZE;
        }
    }

    /** Whether a request's {@code cursor} is absent or one the simulator handed out. */
    private static boolean isCursor(String raw) {
        return raw == null || raw.isEmpty() || ListCursor.decode(raw).isPresent();
    }

    /** The position a request's {@code cursor} names, or null for the first page. */
    private static ListCursor cursor(String raw) {
        return raw == null || raw.isEmpty() ? null : ListCursor.decode(raw).orElseThrow();
    }

    /** DRF's cursor-paginated envelope: {@code next}, {@code previous}, {@code results}, {@code total}. */
    private static <T> ObjectNode envelope(UriInfo uri, SequencePage<T> page, Function<T, ObjectNode> toJson) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.put("next", pageUrl(uri, page.next()));
        result.put("previous", pageUrl(uri, page.previous()));
        var results = result.putArray("results");
        page.results().forEach(item -> results.add(toJson.apply(item)));
        result.put("total", page.total());
        return result;
    }

    /** The absolute URL of a neighbouring page: this request's URL with the cursor replaced. */
    private static String pageUrl(UriInfo uri, ListCursor cursor) {
        return cursor == null ? null
                : uri.getRequestUriBuilder().replaceQueryParam("cursor", cursor.encode()).build().toString();
    }

    /** A body that is not a JSON object, with the answer Ultravox gives for it. */
    private static final class BadBody extends Exception {
        private final transient Response response;

        BadBody(Response response) {
            super(null, null, false, false);
            this.response = response;
        }
    }
}
