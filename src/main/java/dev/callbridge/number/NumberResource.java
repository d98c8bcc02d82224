package dev.callbridge.number;

import dev.callbridge.http.ApiDocs;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.http.ApiKeyOwner;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/numbers}: which agent answers calls to each of the account's Twilio numbers.
 * Each API key sees and manages only the numbers it routed.
 */
@Path("/api/v1/numbers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Numbers", description = "Inbound calls: the agent that answers each Twilio number.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
public class NumberResource {

    private static final String NUMBER = "The Twilio number, international (E.164) form: `+14155550100`, "
            + "or `%2B14155550100` with the `+` escaped.";

    private final NumberRouteService routes;

    NumberResource(NumberRouteService routes) {
        this.routes = routes;
    }

    @PUT
    @Path("/{number}")
    @Operation(operationId = "routeNumber", summary = "Route a number to an agent", description = "Calls to the "
            + "number are answered by the agent, told `templateContext` and opening with `greeting`. Creates the "
            + "route (201) or replaces this API key's route of the number (200, `createdAt` kept); repeating it is "
            + "harmless. The agent must exist (422 `unknown-agent`). A number another API key routes is refused "
            + "with 409 `number-routed-elsewhere`; beyond CALLBRIDGE_NUMBERS_MAX_ROUTES routes, a new number is "
            + "refused with 422 `number-route-limit`. Set `voiceUrl` and `statusCallbackUrl` on the number in Twilio.")
    @APIResponse(responseCode = "200", description = "Replaced.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NumberRouteView.class),
                    examples = @ExampleObject(name = "replaced", value = NumberExamples.ROUTED)))
    @APIResponse(responseCode = "201", description = "Created; Location names the route.",
            headers = @Header(name = ApiDocs.LOCATION_HEADER, ref = ApiDocs.LOCATION_HEADER),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NumberRouteView.class),
                    examples = @ExampleObject(name = "created", value = NumberExamples.ROUTED)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "409", ref = ApiDocs.CONFLICT)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = RouteNumberRequest.class),
            examples = @ExampleObject(name = "reception", summary = "A greeting and a template value",
                    value = NumberExamples.ROUTE)))
    public Uni<Response> put(@Parameter(description = NUMBER) @PathParam("number") String number,
            RouteNumberRequest request, @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return routes.put(ApiKeyOwner.of(apiKey), number, request).map(put -> put.created()
                ? Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, location(put.route()))
                        .entity(put.route()).build()
                : Response.ok(put.route()).build());
    }

    @GET
    @Operation(operationId = "listNumbers", summary = "List routed numbers", description = "The numbers this "
            + "API key routes, in number order. Follow `next` with `?cursor=`.")
    @APIResponse(responseCode = "200", description = "One page of routes.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NumberRoutePage.class),
                    examples = @ExampleObject(name = "page", value = NumberExamples.PAGE)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    public Uni<NumberRoutePage> list(
            @Parameter(description = "Cursor from a previous page's `next`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Routes per page; 50 when absent.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("pageSize") String pageSize,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return routes.list(ApiKeyOwner.of(apiKey), cursor, pageSize);
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getNumber", summary = "Get a number's route",
            description = "404 when this API key does not route the number.")
    @APIResponse(responseCode = "200", description = "The route.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NumberRouteView.class),
                    examples = @ExampleObject(name = "route", value = NumberExamples.ROUTED)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<NumberRouteView> get(@Parameter(description = NUMBER) @PathParam("number") String number,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return routes.get(ApiKeyOwner.of(apiKey), number);
    }

    @DELETE
    @Path("/{number}")
    @Operation(operationId = "unrouteNumber", summary = "Delete a number's route", description = "Calls to the "
            + "number are no longer answered by an agent (the voice webhook answers them with its fallback). "
            + "404 when this API key does not route the number.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Response> delete(@Parameter(description = NUMBER) @PathParam("number") String number,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return routes.delete(ApiKeyOwner.of(apiKey), number).map(ignored -> Response.noContent().build());
    }

    private static String location(NumberRouteView route) {
        return "/api/v1/numbers/" + URLEncoder.encode(route.number(), StandardCharsets.UTF_8);
    }
}
