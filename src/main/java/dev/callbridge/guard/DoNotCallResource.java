package dev.callbridge.guard;

import dev.callbridge.http.ApiDocs;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/do-not-call}: the numbers no outbound call is placed to, whoever places it
 * (see {@link DoNotCallService#check}).
 */
@Path("/api/v1/do-not-call")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Do not call", description = "Numbers no outbound call may be placed to.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
public class DoNotCallResource {

    private static final String NUMBER = "The number, international (E.164) form: `+14155550123`, "
            + "or `%2B14155550123` with the `+` escaped.";
    private static final String ENTRY_EXAMPLE = """
            {"number": "+14155550123", "addedAt": "2026-06-01T12:00:00Z"}""";
    private static final String PAGE_EXAMPLE = """
            {"results": [{"number": "+14155550123", "addedAt": "2026-06-01T12:00:00Z"}], "next": null}""";

    private final DoNotCallService numbers;

    DoNotCallResource(DoNotCallService numbers) {
        this.numbers = numbers;
    }

    @PUT
    @Path("/{number}")
    @Operation(operationId = "addDoNotCall", summary = "Put a number on the do-not-call list", description = "From "
            + "now on every outbound placement to the number is refused with 422 `do-not-call`, whichever API key "
            + "places it. Adds the number (201) or leaves an entry already there as it is (200, `addedAt` kept); "
            + "repeating it is harmless. Beyond CALLBRIDGE_DO_NOT_CALL_MAX_ENTRIES numbers, a new one is refused with "
            + "422 `do-not-call-limit`. Calls already under way are not hung up.")
    @APIResponse(responseCode = "200", description = "Listed already.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoNotCallEntry.class),
                    examples = @ExampleObject(name = "listed", value = ENTRY_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Added; Location names the entry.",
            headers = @Header(name = ApiDocs.LOCATION_HEADER, ref = ApiDocs.LOCATION_HEADER),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoNotCallEntry.class),
                    examples = @ExampleObject(name = "added", value = ENTRY_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    public Uni<Response> put(@Parameter(description = NUMBER) @PathParam("number") String number) {
        return numbers.put(number).map(put -> put.added()
                ? Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location(put.entry()))
                        .entity(put.entry()).build()
                : Response.ok(put.entry()).build());
    }

    @GET
    @Operation(operationId = "listDoNotCall", summary = "List the do-not-call list", description = "The listed "
            + "numbers, in number order. Follow `next` with `?cursor=`.")
    @APIResponse(responseCode = "200", description = "One page of the list.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoNotCallPage.class),
                    examples = @ExampleObject(name = "page", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Uni<DoNotCallPage> list(
            @Parameter(description = "Cursor from a previous page's `next`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Numbers per page; 50 when absent.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("pageSize") String pageSize) {
        return numbers.list(cursor, pageSize);
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getDoNotCall", summary = "Is a number on the do-not-call list",
            description = "The number's entry; 404 when it is not listed.")
    @APIResponse(responseCode = "200", description = "Listed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DoNotCallEntry.class),
                    examples = @ExampleObject(name = "listed", value = ENTRY_EXAMPLE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<DoNotCallEntry> get(@Parameter(description = NUMBER) @PathParam("number") String number) {
        return numbers.get(number);
    }

    @DELETE
    @Path("/{number}")
    @Operation(operationId = "removeDoNotCall", summary = "Take a number off the do-not-call list",
            description = "Calls to the number may be placed again. 404 when it is not listed.")
    @APIResponse(responseCode = "204", description = "Taken off.")
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Response> delete(@Parameter(description = NUMBER) @PathParam("number") String number) {
        return numbers.delete(number).map(ignored -> Response.noContent().build());
    }

    private static String location(DoNotCallEntry entry) {
        return "/api/v1/do-not-call/" + URLEncoder.encode(entry.number(), StandardCharsets.UTF_8);
    }
}
