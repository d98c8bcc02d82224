package dev.callbridge.call;

import dev.callbridge.http.ApiDocs;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /api/v1/calls}: the ledger's placements, the live state of a placed call, and hanging it up.
 * Calls are placed through {@link AgentCallResource}.
 */
@Path("/api/v1/calls")
@Tag(name = "Calls", description = "Phone calls that connect the person who answers to an agent.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {

    private static final String CALL_ID = "The callId a placement answered, its twilioCallSid, or a placementId "
            + "from the listing.";

    private final CallService calls;

    CallResource(CallService calls) {
        this.calls = calls;
    }

    @GET
    @Operation(operationId = "listCalls", summary = "List calls", description = "The call placements the ledger "
            + "keeps, newest first, with their steps and outcome (no vendor is asked; follow one with getCall for "
            + "its live state). Filters combine; follow `next` with `?cursor=` and the same filters.")
    @APIResponse(responseCode = "200", description = "One page of placements.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallPage.class),
                    examples = @ExampleObject(name = "page", value = ApiDocs.CALL_PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Uni<CallPage> list(
            @Parameter(description = "Only this agent's placements.") @QueryParam("agentId") String agentId,
            @Parameter(description = "Only placements whose latest step is this one.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"accepted", "ultravox_created",
                            "dialing", "dialed", "failed", "compensated"}))
            @QueryParam("status") String status,
            @Parameter(description = "Only placed calls (`outbound`) or only calls answered on a routed number (`inbound`).",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"outbound", "inbound"}))
            @QueryParam("direction") String direction,
            @Parameter(description = "Only placements accepted at or after this time (RFC 3339).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"))
            @QueryParam("since") String since,
            @Parameter(description = "Cursor from a previous page's `next`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Placements per page; 50 when absent.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("pageSize") String pageSize) {
        return calls.list(agentId, status, direction, since, cursor, pageSize);
    }

    @GET
    @Path("/{callId}")
    @Operation(operationId = "getCall", summary = "Follow a call", description = "The call's live state from both vendors: Twilio's status "
            + "and duration, Ultravox's joined/ended/endReason/summary, with the ledger's record of the placement under `placement` "
            + "and Twilio's status callbacks under `timeline`. A placement that was never dialled answers its ledger record alone.")
    @APIResponse(responseCode = "200", description = "The call.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallDetails.class),
                    examples = @ExampleObject(name = "inProgress", value = ApiDocs.CALL_DETAILS_EXAMPLE)))
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<CallDetails> get(@Parameter(description = CALL_ID) @PathParam("callId") String callId) {
        return calls.details(callId);
    }

    /** Hangs up ({@code 204}); repeating it is harmless. */
    @DELETE
    @Path("/{callId}")
    @Operation(operationId = "hangUpCall", summary = "Hang up", description = "Completes an answered call or cancels a queued or ringing one; "
            + "a call that already ended is left alone, so repeating it is harmless.")
    @APIResponse(responseCode = "204", description = "The call is over or ending.")
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Response> hangUp(@Parameter(description = CALL_ID) @PathParam("callId") String callId) {
        return calls.hangUp(callId).map(ignored -> Response.noContent().build());
    }
}
