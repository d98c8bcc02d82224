package dev.callbridge.ultravox;

import dev.callbridge.metrics.UpstreamMetrics;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The Ultravox API as the rest of Callbridge sees it: non-blocking operations whose
 * failures arrive as {@link UltravoxException}s, already phrased for the client.
 */
@ApplicationScoped
public class UltravoxClient {

    private final UltravoxRestClient rest;
    private final UpstreamMetrics metrics;

    UltravoxClient(@RestClient UltravoxRestClient rest, UpstreamMetrics metrics) {
        this.rest = rest;
        this.metrics = metrics;
    }

    /** Creates an agent ({@code POST /api/agents}). */
    public Uni<UltravoxAgent> createAgent(UltravoxAgentWrite agent) {
        return translated(rest.createAgent(agent), "create agent", "agent", null);
    }

    /** One page of agents; {@code cursor} and {@code pageSize} may be null. */
    public Uni<UltravoxPage<UltravoxAgent>> listAgents(String cursor, Integer pageSize) {
        return translated(rest.listAgents(cursor, pageSize), "list agents", "agent", null);
    }

    /** One agent; fails with a 404 problem when Ultravox does not know it. */
    public Uni<UltravoxAgent> getAgent(String agentId) {
        return translated(rest.getAgent(agentId), "get agent", "agent", agentId);
    }

    /** Partially updates an agent ({@code PATCH}); absent fields are left alone by Ultravox. */
    public Uni<UltravoxAgent> patchAgent(String agentId, UltravoxAgentWrite changes) {
        return translated(rest.patchAgent(agentId, changes), "update agent", "agent", agentId);
    }

    /** Deletes an agent. */
    public Uni<Void> deleteAgent(String agentId) {
        return translated(rest.deleteAgent(agentId), "delete agent", "agent", agentId);
    }

    /** Creates a call from an agent; the answer carries the secret {@code joinUrl}. */
    public Uni<UltravoxCall> createAgentCall(String agentId, UltravoxCallRequest request) {
        return translated(rest.createAgentCall(agentId, request), "create call", "agent", agentId);
    }

    /** One call with its lifecycle fields. */
    public Uni<UltravoxCall> getCall(String callId) {
        return translated(rest.getCall(callId), "get call", "call", callId);
    }

    /** Deletes a call and its data at Ultravox. */
    public Uni<Void> deleteCall(String callId) {
        return translated(rest.deleteCall(callId), "delete call", "call", callId);
    }

    private <T> Uni<T> translated(Uni<T> call, String operation, String resource, String id) {
        return metrics.record("ultravox", operation.replace(' ', '_'),
                call.onFailure().transform(f -> UltravoxErrors.translate(f, operation, resource, id)));
    }
}
