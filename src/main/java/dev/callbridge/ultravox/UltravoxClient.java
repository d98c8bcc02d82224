package dev.callbridge.ultravox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.resilience.OperationKind;
import dev.callbridge.resilience.Resilience;
import dev.callbridge.resilience.VendorGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The Ultravox API as the rest of Callbridge sees it: non-blocking operations whose
 * failures arrive as {@link UltravoxException}s, already phrased for the client. Every
 * request runs under the Ultravox {@link VendorGuard}: a timeout per operation, retries of
 * reads and deletes, retries of creations only when the connection was refused or Ultravox
 * answered 429, and the Ultravox circuit breaker.
 */
@ApplicationScoped
public class UltravoxClient {

    private final UltravoxRestClient rest;
    private final VendorGuard guard;

    UltravoxClient(@RestClient UltravoxRestClient rest, Resilience resilience) {
        this.rest = rest;
        this.guard = resilience.ultravox();
    }

    /**
     * Fails fast with a 503 problem while Ultravox's circuit breaker is open, without spending a
     * trial request: lets a placement that makes its agent call later refuse before it dials.
     */
    public Uni<Void> checkAvailable() {
        return guard.checkAvailable();
    }

    /** Creates an agent ({@code POST /api/agents}). */
    public Uni<UltravoxAgent> createAgent(UltravoxAgentWrite agent) {
        return guarded(OperationKind.CREATE, "create_agent", "create agent", "agent", null,
                () -> rest.createAgent(agent));
    }

    /** One page of agents; {@code cursor} and {@code pageSize} may be null. */
    public Uni<UltravoxPage<UltravoxAgent>> listAgents(String cursor, Integer pageSize) {
        return guarded(OperationKind.READ, "list_agents", "list agents", "agent", null,
                () -> rest.listAgents(cursor, pageSize));
    }

    /** One agent; fails with a 404 problem when Ultravox does not know it. */
    public Uni<UltravoxAgent> getAgent(String agentId) {
        return guarded(OperationKind.READ, "get_agent", "get agent", "agent", agentId,
                () -> rest.getAgent(agentId));
    }

    /** Partially updates an agent ({@code PATCH}); absent fields are left alone by Ultravox. */
    public Uni<UltravoxAgent> patchAgent(String agentId, UltravoxAgentWrite changes) {
        return guarded(OperationKind.CREATE, "update_agent", "update agent", "agent", agentId,
                () -> rest.patchAgent(agentId, changes));
    }

    /** Deletes an agent. */
    public Uni<Void> deleteAgent(String agentId) {
        return guarded(OperationKind.DELETE, "delete_agent", "delete agent", "agent", agentId,
                () -> rest.deleteAgent(agentId));
    }

    /** Creates a call from an agent; the answer carries the secret {@code joinUrl}. */
    public Uni<UltravoxCall> createAgentCall(String agentId, UltravoxCallRequest request) {
        return guarded(OperationKind.CREATE, "create_call", "create call", "agent", agentId,
                () -> rest.createAgentCall(agentId, request));
    }

    /** One call with its lifecycle fields. */
    public Uni<UltravoxCall> getCall(String callId) {
        return guarded(OperationKind.READ, "get_call", "get call", "call", callId,
                () -> rest.getCall(callId));
    }

    /**
     * The calls Callbridge created for one placement (their metadata carries
     * {@code callbridge.placementId}): recovery reads them to find
     * an Ultravox call a crash left unrecorded. One page of at most {@code limit}, created
     * from {@code since} to {@code until}.
     */
    public Uni<List<UltravoxCall>> callsOfPlacement(String placementId, OffsetDateTime since, OffsetDateTime until,
            int limit) {
        return guarded(OperationKind.READ, "list_calls", "list calls", "call", null,
                () -> rest.listCallsOfPlacement(placementId, since.toString(), until.toString(), limit))
                .map(page -> page.results() == null ? List.of() : page.results());
    }

    /**
     * Tells the agent of a live call something as if the user had typed it
     * ({@code user_text_message}), to answer at once. Not repeated: a second delivery would be a
     * second message. Fails with a 422 problem when the call is not active.
     */
    public Uni<Void> tellAgent(String callId, String text) {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("type", "user_text_message").put("text", text)
                .put("urgency", "immediate");
        return guarded(OperationKind.CREATE, "send_data_message", "send data message", "call", callId,
                () -> rest.sendDataMessage(callId, message));
    }

    /**
     * Deletes a call and its data at Ultravox. A call Ultravox no longer knows (404) is as good as
     * deleted: every caller deletes a call to be rid of it, so that is a success.
     */
    public Uni<Void> deleteCall(String callId) {
        return guarded(OperationKind.DELETE, "delete_call", "delete call", "call", callId,
                () -> rest.deleteCall(callId))
                .onFailure(UltravoxException::notFound).recoverWithNull();
    }

    /**
     * @param metricName the operation as the {@code operation} tag of metrics
     * @param operation  what was attempted, for logs ("create agent")
     * @param resource   the kind of thing a 404 refers to
     * @param id         its id, or null
     */
    private <T> Uni<T> guarded(OperationKind kind, String metricName, String operation, String resource, String id,
            Supplier<Uni<T>> request) {
        return guard.call(metricName, kind, request, f -> UltravoxErrors.translate(f, operation, resource, id));
    }
}
