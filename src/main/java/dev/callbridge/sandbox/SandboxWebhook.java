package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * A webhook registered with the simulated Ultravox: where its events go, which events, and the
 * secrets each delivery is signed with.
 *
 * @param agentId null for every agent's calls, as on Ultravox
 * @param seq     creation order, for listings
 */
record SandboxWebhook(long seq, String webhookId, String agentId, String url, List<String> events,
        List<String> secrets, Instant created) {

    /** The events Ultravox sends. */
    static final List<String> EVENTS = List.of("call.started", "call.joined", "call.ended", "call.billed");

    /** Whether a delivery of {@code event} for a call of {@code callAgentId} goes to this webhook. */
    boolean wants(String event, String callAgentId) {
        return events.contains(event) && (agentId == null || agentId.equals(callAgentId));
    }

    /** As Ultravox shows a webhook; its secrets included, as Ultravox answers them to their owner. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("webhookId", webhookId);
        json.put("agentId", agentId);
        json.put("created", UltravoxTimes.format(created));
        json.put("url", url);
        events.forEach(json.putArray("events")::add);
        secrets.forEach(json.putArray("secrets")::add);
        json.put("status", "normal");
        json.putNull("lastStatusChange");
        json.putArray("recentFailures");
        return json;
    }
}
