package dev.callbridge.call;

import dev.callbridge.admission.CallAdmission;
import dev.callbridge.http.ApiKeyFilter;
import dev.callbridge.idempotency.Idempotency;
import dev.callbridge.resilience.Resilience;
import dev.callbridge.resilience.VendorGuard;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code POST /api/v1/agents/{agentId}/calls}: places a call from an agent. A resource of its
 * own because JAX-RS matches the class path first: under {@code /api/v1} the agent resource's
 * {@code /api/v1/agents} would claim this path and answer 404.
 *
 * <p>An {@code Idempotency-Key} makes a client's retry safe: the same request is placed once
 * and its answer replayed. The placement itself runs only when {@link CallAdmission} has a
 * slot for it; a refusal (503 with {@code Retry-After}) is not remembered under the key.
 */
@Path("/api/v1/agents/{agentId}/calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AgentCallResource {

    private final CallService calls;
    private final Idempotency idempotency;
    private final CallAdmission admission;
    private final VendorGuard twilio;

    AgentCallResource(CallService calls, Idempotency idempotency, CallAdmission admission, Resilience resilience) {
        this.calls = calls;
        this.idempotency = idempotency;
        this.admission = admission;
        this.twilio = resilience.twilio();
    }

    /** {@code 201} with {@code Location: /api/v1/calls/{callId}}. */
    @POST
    public Uni<Response> place(@PathParam("agentId") String agentId, PlaceCallRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @HeaderParam(ApiKeyFilter.HEADER) String apiKey) {
        return idempotency.run(idempotencyKey, apiKey, "POST", "/api/v1/agents/" + agentId + "/calls", request,
                () -> admission.admit(agentId, request == null ? null : request.to(),
                        // With Twilio's breaker open the call cannot be dialled: create no Ultravox call.
                        () -> twilio.checkAvailable().flatMap(ready -> calls.place(agentId, request)))
                        .map(call -> Response
                        .created(URI.create("/api/v1/calls/" + call.callId()))
                        .entity(call)
                        .build()));
    }
}
