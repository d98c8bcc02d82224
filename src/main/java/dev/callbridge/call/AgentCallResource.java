package dev.callbridge.call;

import dev.callbridge.http.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.callbridge.admission.CallAdmission;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.http.Detached;
import dev.callbridge.idempotency.Idempotency;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /api/v1/agents/{agentId}/calls}: places a call from an agent. A resource of its
 * own because JAX-RS matches the class path first: under {@code /api/v1} the agent resource's
 * {@code /api/v1/agents} would claim this path and answer 404.
 *
 * <p>An {@code Idempotency-Key} makes a client's retry safe: the same request is placed once
 * and its answer replayed. The placement itself runs only when {@link CallAdmission} has a
 * slot for it; a refusal (503 with {@code Retry-After}) is not remembered under the key. Once
 * started, a placement owns its slot and its key until it ends, whatever the client does.
 */
@Path("/api/v1/agents/{agentId}/calls")
@Tag(name = "Calls", description = "Phone calls that connect the person who answers to an agent.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentCallResource {

    private final CallService calls;
    private final Idempotency idempotency;
    private final CallAdmission admission;

    AgentCallResource(CallService calls, Idempotency idempotency, CallAdmission admission) {
        this.calls = calls;
        this.idempotency = idempotency;
        this.admission = admission;
    }

    /** {@code 201} with {@code Location: /api/v1/calls/{callId}} ({@code {placementId}} while there is no agent call yet). */
    @POST
    @Operation(operationId = "placeCall", summary = "Place a call", description = "Creates an Ultravox call for the agent, connects its "
            + "join URL to a Twilio call to `to` through TwiML <Connect><Stream>, and answers once Twilio has "
            + "accepted the call. If Twilio fails, the Ultravox call is deleted before the error is returned. "
            + "A number on the do-not-call list is refused with 422 `do-not-call` before anything is recorded. "
            + "Send `Idempotency-Key` to make a retry safe.")
    @APIResponse(responseCode = "201", description = "Twilio accepted the call; Location names it.",
            headers = {@Header(name = ApiDocs.LOCATION_HEADER, ref = ApiDocs.LOCATION_HEADER),
                    @Header(name = ApiDocs.REPLAYED_HEADER, ref = ApiDocs.REPLAYED_HEADER)},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlacedCall.class),
                    examples = @ExampleObject(name = "placed", value = ApiDocs.PLACED_CALL_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "403", ref = ApiDocs.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER,
            description = "Makes a retry safe: 1-255 printable ASCII characters, unique per request.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PlaceCallRequest.class),
            examples = @ExampleObject(name = "quickstart", summary = "The Quickstart's call",
                    value = ApiDocs.PLACE_CALL_EXAMPLE)))
    public Uni<Response> place(@PathParam("agentId") String agentId, PlaceCallRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            // Read for the idempotency scope; the security scheme already documents the header.
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        // Once admitted, a placement runs to its end even if the client goes away: its answer is
        // recorded under the key and the call in the registry, so a retry or a GET finds it.
        return Detached.run(() -> idempotency.run(idempotencyKey, apiKey, "POST",
                "/api/v1/agents/" + agentId + "/calls", request,
                scoped -> admission.admit(agentId, request == null ? null : request.to(),
                        () -> calls.place(agentId, request, ApiKeyOwner.of(apiKey), scoped))
                        .map(AgentCallResource::created)));
    }

    /** {@code 201} with a relative {@code Location}: never built from the client's Host header. */
    static Response created(PlacedCall call) {
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/calls/" + (call.callId() != null ? call.callId() : call.placementId()))
                .entity(call)
                .build();
    }
}
