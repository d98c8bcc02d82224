package dev.callbridge.subscription;

import dev.callbridge.http.ApiDocs;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.http.ApiKeyOwner;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
 * {@code /api/v1/webhooks}: the API key's subscriptions to call events, and their deliveries.
 * Each key sees and manages only its own.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Signed call events POSTed to the application's URLs.")
@SecurityRequirement(name = ApiDocs.API_KEY_SCHEME)
// The problems every operation can meet (401, 429, 5xx) are added by SharedResponsesFilter.
public class WebhookResource {

    private static final String ID = "The subscription's id.";

    private final WebhookService webhooks;

    WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Operation(operationId = "createWebhook", summary = "Subscribe to call events", description = "Events of the "
            + "listed types about this API key's calls are POSTed to `url`, signed with `secret` "
            + "(`Callbridge-Signature`). The secret is generated when absent and shown in full only in this answer.")
    @APIResponse(responseCode = "201", description = "Created; Location names the subscription.",
            headers = @Header(name = ApiDocs.LOCATION_HEADER, ref = ApiDocs.LOCATION_HEADER),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhook.class),
                    examples = @ExampleObject(name = "created", value = WebhookExamples.CREATED)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "422", ref = ApiDocs.UNPROCESSABLE)
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = CreateWebhookRequest.class),
            examples = @ExampleObject(name = "everyEvent", summary = "Every call event", value = WebhookExamples.CREATE)))
    public Uni<Response> create(CreateWebhookRequest request,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return webhooks.create(ApiKeyOwner.of(apiKey), request).map(created -> Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, "/api/v1/webhooks/" + created.id()).entity(created).build());
    }

    @GET
    @Operation(operationId = "listWebhooks", summary = "List subscriptions",
            description = "Every subscription of this API key, oldest first, without secrets.")
    @APIResponse(responseCode = "200", description = "The subscriptions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookList.class)))
    public Uni<WebhookList> list(@Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return webhooks.list(ApiKeyOwner.of(apiKey));
    }

    @GET
    @Path("/{webhookId}")
    @Operation(operationId = "getWebhook", summary = "Get a subscription", description = "Without its secret.")
    @APIResponse(responseCode = "200", description = "The subscription.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Webhook.class),
                    examples = @ExampleObject(name = "subscription", value = WebhookExamples.SHOWN)))
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Webhook> get(@Parameter(description = ID) @PathParam("webhookId") String webhookId,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return webhooks.get(ApiKeyOwner.of(apiKey), webhookId);
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription",
            description = "Its pending deliveries are dropped; no further event is sent to it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<Response> delete(@Parameter(description = ID) @PathParam("webhookId") String webhookId,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return webhooks.delete(ApiKeyOwner.of(apiKey), webhookId).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "List deliveries", description = "The "
            + "subscription's deliveries, newest first: state, attempts and the last attempt's outcome. "
            + "Follow `next` with `?cursor=` and the same `state`.")
    @APIResponse(responseCode = "200", description = "One page of deliveries.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryPage.class),
                    examples = @ExampleObject(name = "retrying", value = WebhookExamples.DELIVERIES)))
    @APIResponse(responseCode = "400", ref = ApiDocs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ApiDocs.NOT_FOUND)
    public Uni<DeliveryPage> deliveries(@Parameter(description = ID) @PathParam("webhookId") String webhookId,
            @Parameter(description = "Only deliveries in this state.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"pending", "delivered", "dead"}))
            @QueryParam("state") String state,
            @Parameter(description = "Cursor from a previous page's `next`.") @QueryParam("cursor") String cursor,
            @Parameter(description = "Deliveries per page; 50 when absent.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "200"))
            @QueryParam("pageSize") String pageSize,
            @Parameter(hidden = true) @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return webhooks.deliveries(ApiKeyOwner.of(apiKey), webhookId, state, cursor, pageSize);
    }
}
