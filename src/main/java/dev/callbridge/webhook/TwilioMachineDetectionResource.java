package dev.callbridge.webhook;

import dev.callbridge.call.MachineAnswers;
import dev.callbridge.http.ProblemResponses;
import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.vendor.Vendor;
import io.quarkus.logging.Log;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /webhooks/twilio/machine-detection/{placementId}}: Twilio's asynchronous
 * answering-machine detection result for a call Callbridge placed with detection on. The URL,
 * placement id included, is what Twilio signs, so a result is authenticated for that placement
 * by {@code X-Twilio-Signature} ({@link TwilioSignatureCheck}): unsigned or forged requests are
 * refused (403 problem+json) and record nothing. A signed one is answered {@code 200} with no
 * body, whatever became of it ({@link MachineAnswers}): a result for a placement the ledger does
 * not keep, or for another call than the placement's, changes nothing, and a retry must not
 * follow. Left out of the OpenAPI document, which describes the API clients call.
 */
@Path(TwilioWebhookUrl.MACHINE_DETECTION_PATH + "/{placementId}")
public class TwilioMachineDetectionResource {

    private final TwilioSignatureCheck signatures;
    private final MachineAnswers answers;
    private final CallbackMetrics metrics;

    TwilioMachineDetectionResource(TwilioSignatureCheck signatures, MachineAnswers answers, CallbackMetrics metrics) {
        this.signatures = signatures;
        this.answers = answers;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Uni<Response> machineDetection(@Context UriInfo uri, @PathParam("placementId") String placementId,
            @HeaderParam(TwilioStatusResource.SIGNATURE_HEADER) String signature, String body) {
        return Uni.createFrom().deferred(() -> {
            MachineDetectionCallback callback = MachineDetectionCallback.from(signatures.verifiedFields(
                    TwilioWebhookUrl.machineDetectionPath(placementId), "machine detection callback",
                    uri.getRequestUri().getRawQuery(), signature, body));
            Log.debugf("Twilio machine detection for placement %s (call %s): %s after %s ms", placementId,
                    callback.callSid(), callback.answeredBy(), callback.durationMillis());
            return answers.record(placementId, callback.callSid(), callback.answeredBy())
                    .invoke(outcome -> metrics.count(Vendor.TWILIO, WebhookOutcome.of(outcome)))
                    .map(outcome -> Response.ok().build());
        }).onFailure(RefusedCallback.class)
                .recoverWithItem(refused -> ProblemResponses.response((RefusedCallback) refused, uri.getPath()));
    }
}
