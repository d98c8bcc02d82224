package dev.callbridge.webhook;

import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.http.ProblemResponses;
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
 * {@code POST /webhooks/twilio/call-status}: Twilio's status callbacks for the calls Callbridge
 * placed. Not behind the API key (Twilio cannot send one): a callback is authenticated by its
 * {@code X-Twilio-Signature} instead, see {@link TwilioSignatureCheck}. Answers {@code 200} with
 * no body to every callback it accepts, recorded or not; errors are problem+json. Left out of
 * the OpenAPI document, which describes the API clients call.
 */
@Path(TwilioWebhookUrl.STATUS_PATH)
public class TwilioStatusResource {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final TwilioCallbacks callbacks;

    TwilioStatusResource(TwilioCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> callStatus(@Context UriInfo uri, @HeaderParam(SIGNATURE_HEADER) String signature,
            String body) {
        return callbacks.receive(uri.getRequestUri().getRawQuery(), signature, body)
                .map(outcome -> Response.ok().build())
                .onFailure(RefusedCallback.class)
                .recoverWithItem(refused -> ProblemResponses.response((RefusedCallback) refused, uri.getPath()));
    }
}
