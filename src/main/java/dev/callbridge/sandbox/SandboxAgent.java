package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One simulated Ultravox agent. Immutable: a change stores a new value.
 *
 * @param seq creation order, the key of cursor pagination
 */
record SandboxAgent(long seq, String agentId, String publishedRevisionId, String name, Instant created,
        Instant updated, ObjectNode callTemplate, int calls) {

    SandboxAgent withChanges(String newName, ObjectNode newTemplate, String revisionId, Instant at) {
        return new SandboxAgent(seq, agentId, revisionId, newName, created, at, newTemplate, calls);
    }

    SandboxAgent withOneMoreCall() {
        return new SandboxAgent(seq, agentId, publishedRevisionId, name, created, updated, callTemplate, calls + 1);
    }

    /** The agent as Ultravox's API shows it. */
    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("agentId", agentId);
        json.put("publishedRevisionId", publishedRevisionId);
        json.put("name", name);
        json.put("created", UltravoxTimes.format(created));
        ObjectNode template = callTemplate == null ? null : callTemplate.deepCopy();
        if (template != null) {
            template.put("created", UltravoxTimes.format(created));
            template.put("updated", UltravoxTimes.format(updated));
        }
        json.set("callTemplate", template);
        json.putObject("statistics").put("calls", calls);
        return json;
    }
}
