package dev.callbridge.webhook;

import dev.callbridge.call.PlacementConnector;
import dev.callbridge.http.ProblemResponses;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /webhooks/twilio/connect/{placementId}}: the URL a {@code parallel} or
 * {@code on-answer} placement was dialled with; Twilio fetches the call's TwiML from it when the
 * callee answers. Authenticated by {@code X-Twilio-Signature} over the public URL with the
 * placement's id ({@link TwilioSignatureCheck}): a request Twilio did not sign is refused (403
 * problem+json) and starts nothing; a signed one without a valid {@code CallSid} is a 400. Any
 * other is always answered {@code 200} with TwiML
 * ({@link PlacementConnector}): the agent's stream, or an apology. Left out of the OpenAPI
 * document, which describes the API clients call.
 */
@Path(TwilioWebhookUrl.CONNECT_PATH + "/{placementId}")
public class TwilioConnectResource {

    private final TwilioSignatureCheck signatures;
    private final PlacementConnector connector;

    TwilioConnectResource(TwilioSignatureCheck signatures, PlacementConnector connector) {
        this.signatures = signatures;
        this.connector = connector;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> connect(@Context UriInfo uri, @PathParam("placementId") String placementId,
            @HeaderParam(TwilioStatusResource.SIGNATURE_HEADER) String signature, String body) {
        return Uni.createFrom().deferred(() -> {
            Map<String, String> fields = signatures.verifiedFields(TwilioWebhookUrl.connectPath(placementId),
                    "connect webhook", uri.getRequestUri().getRawQuery(), signature, body);
            String callSid = StatusCallback.callSid(fields);
            return connector.answer(placementId, callSid)
                    .map(twiml -> Response.ok(twiml, TwilioVoiceResource.TWIML).build());
        }).onFailure(RefusedCallback.class)
                .recoverWithItem(refused -> ProblemResponses.response((RefusedCallback) refused, uri.getPath()));
    }
}
