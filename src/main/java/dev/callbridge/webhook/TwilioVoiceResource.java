package dev.callbridge.webhook;

import dev.callbridge.http.ProblemResponses;
import dev.callbridge.inbound.InboundCall;
import dev.callbridge.inbound.InboundCalls;
import dev.callbridge.twilio.TwilioWebhookUrl;
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
 * {@code POST /webhooks/twilio/voice}: the "A call comes in" webhook of the account's numbers.
 * Authenticated by {@code X-Twilio-Signature} ({@link TwilioSignatureCheck}), like the status
 * callbacks: a request Twilio did not sign for the public URL is refused (403 problem+json) and
 * starts nothing. A signed one is always answered {@code 200} with TwiML ({@link InboundCalls}):
 * the agent's stream, or the fallback message. Left out of the OpenAPI document, which describes
 * the API clients call.
 */
@Path(TwilioWebhookUrl.VOICE_PATH)
public class TwilioVoiceResource {

    /** Twilio reads TwiML served as XML. */
    static final String TWIML = "text/xml; charset=utf-8";

    private final TwilioSignatureCheck signatures;
    private final InboundCalls inbound;

    TwilioVoiceResource(TwilioSignatureCheck signatures, InboundCalls inbound) {
        this.signatures = signatures;
        this.inbound = inbound;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> voice(@Context UriInfo uri,
            @HeaderParam(TwilioStatusResource.SIGNATURE_HEADER) String signature, String body) {
        return Uni.createFrom().deferred(() -> {
            InboundCall call = InboundCall.from(signatures.verifiedFields(TwilioWebhookUrl.VOICE_PATH,
                    "voice webhook", uri.getRequestUri().getRawQuery(), signature, body));
            return inbound.answer(call).map(twiml -> Response.ok(twiml, TWIML).build());
        }).onFailure(RefusedCallback.class)
                .recoverWithItem(refused -> ProblemResponses.response((RefusedCallback) refused, uri.getPath()));
    }
}
