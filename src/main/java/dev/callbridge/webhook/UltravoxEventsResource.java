package dev.callbridge.webhook;

import dev.callbridge.http.ProblemResponses;
import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /webhooks/ultravox}: the Ultravox account webhook's deliveries ({@code call.started},
 * {@code call.joined}, {@code call.ended}, {@code call.billed}). Not behind the API key (Ultravox
 * cannot send one): a delivery is authenticated by its signature instead, see
 * {@link UltravoxSignatureCheck}. The body is taken as raw bytes, because the signature covers
 * them exactly as sent. Answers {@code 204} to every delivery it accepts, recorded or not, as
 * Ultravox advises; errors are problem+json. Left out of the OpenAPI document, which describes
 * the API clients call.
 */
@Path(UltravoxEventsResource.PATH)
public class UltravoxEventsResource {

    /** Where the endpoint is served; the account webhook's URL is the public base URL followed by it. */
    public static final String PATH = "/webhooks/ultravox";

    private final UltravoxWebhooks webhooks;

    UltravoxEventsResource(UltravoxWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> receive(@Context UriInfo uri,
            @HeaderParam(UltravoxWebhookSignatures.TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(UltravoxWebhookSignatures.SIGNATURE_HEADER) String signature, byte[] body) {
        return webhooks.receive(timestamp, signature, body == null ? new byte[0] : body)
                .map(outcome -> Response.noContent().build())
                .onFailure(RefusedCallback.class)
                .recoverWithItem(refused -> ProblemResponses.response((RefusedCallback) refused, uri.getPath()));
    }
}
