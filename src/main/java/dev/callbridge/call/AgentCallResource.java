package dev.callbridge.call;

import dev.callbridge.http.ApiDocs;
import dev.callbridge.http.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import dev.callbridge.admission.CallAdmission;
import dev.callbridge.http.ApiKeyFilter;
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

    /** {@code 201} with {@code Location: /api/v1/calls/{callId}}. */
    @POST
    @Operation(summary = "Place a call", description = "Creates an Ultravox call for the agent, connects its "
            + "join URL to a Twilio call to `to` through TwiML <Connect><Stream>, and answers once Twilio has "
            + "accepted the call. If Twilio fails, the Ultravox call is deleted before the error is returned. "
            + "Send `Idempotency-Key` to make a retry safe.")
    @APIResponse(responseCode = "201", description = "Twilio accepted the call; Location names it.",
            headers = @Header(name = "Location", description = "URL of the call (GET, DELETE)."),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlacedCall.class),
                    examples = @ExampleObject(name = "placed", value = ApiDocs.PLACED_CALL_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid input (numbers, template context, metadata); `errors` lists each field.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "problem", value = ApiDocs.VALIDATION_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Missing or wrong X-API-Key.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "problem", value = ApiDocs.UNAUTHORIZED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Twilio's geographic permissions or fraud block forbid the destination.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Ultravox has no agent with this id.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The same Idempotency-Key is still being processed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Ultravox rejected the call (e.g. a missing template variable) or Twilio rejected `to`/`from`.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Ultravox or Twilio is rate limiting; Retry-After is passed on.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "A vendor failed, refused Callbridge's credentials or could not be reached.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Overloaded, shutting down, or a vendor's circuit breaker is open; Retry-After says when to retry.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "problem", value = ApiDocs.UNAVAILABLE_EXAMPLE)))
    @APIResponse(responseCode = "504", description = "A vendor did not answer in time.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> place(@PathParam("agentId") String agentId, PlaceCallRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        // Once admitted, a placement runs to its end even if the client goes away: its answer is
        // recorded under the key and the call in the registry, so a retry or a GET finds it.
        return Detached.run(() -> idempotency.run(idempotencyKey, apiKey, "POST",
                "/api/v1/agents/" + agentId + "/calls", request,
                () -> admission.admit(agentId, request == null ? null : request.to(),
                        () -> calls.place(agentId, request))
                        .map(AgentCallResource::created)));
    }

    /** {@code 201} with a relative {@code Location}: never built from the client's Host header. */
    private static Response created(PlacedCall call) {
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/calls/" + call.callId())
                .entity(call)
                .build();
    }
}
