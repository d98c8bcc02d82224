package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The simulated Ultravox's agents, in memory. All access goes through this object's lock:
 * operations are tiny, and one lock keeps listing consistent with concurrent changes.
 */
@ApplicationScoped
class SandboxAgents {

    private final Map<String, SandboxAgent> byId = new LinkedHashMap<>();
    private final int maxAgents;
    private final SandboxClock clock;
    private long lastSeq;

    SandboxAgents(SandboxConfig config, SandboxClock clock) {
        this.maxAgents = config.maxRecords();
        this.clock = clock;
    }

    /** The new agent, or empty when the sandbox already holds as many as it may. */
    synchronized Optional<SandboxAgent> create(String name, ObjectNode callTemplate) {
        if (byId.size() >= maxAgents) {
            return Optional.empty();
        }
        var now = clock.now();
        SandboxAgent agent = new SandboxAgent(++lastSeq, UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                name, now, now, callTemplate, 0);
        byId.put(agent.agentId(), agent);
        return Optional.of(agent);
    }

    synchronized Optional<SandboxAgent> get(String agentId) {
        return Optional.ofNullable(byId.get(agentId));
    }

    /** Applies a change; empty when the agent does not exist. */
    synchronized Optional<SandboxAgent> update(String agentId, String name, ObjectNode callTemplate) {
        SandboxAgent current = byId.get(agentId);
        if (current == null) {
            return Optional.empty();
        }
        SandboxAgent changed = current.withChanges(name, callTemplate, UUID.randomUUID().toString(), clock.now());
        byId.put(agentId, changed);
        return Optional.of(changed);
    }

    synchronized boolean delete(String agentId) {
        return byId.remove(agentId) != null;
    }

    synchronized void countCall(String agentId) {
        byId.computeIfPresent(agentId, (id, agent) -> agent.withOneMoreCall());
    }

    /**
     * The page after (or, for a reversed cursor, before) the cursor's position, in creation
     * order ({@code ascending}) or newest first.
     */
    synchronized SequencePage<SandboxAgent> list(ListCursor cursor, int pageSize, boolean ascending) {
        Comparator<SandboxAgent> order = Comparator.comparingLong(SandboxAgent::seq);
        List<SandboxAgent> ordered = new ArrayList<>(byId.values());
        ordered.sort(ascending ? order : order.reversed());
        return SequencePage.at(ordered, SandboxAgent::seq, cursor, pageSize, ascending);
    }
}
