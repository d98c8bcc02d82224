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

    /** One page of a listing with the cursors of its neighbours (null at either end). */
    record Page(List<SandboxAgent> results, AgentCursor next, AgentCursor previous, int total) {
    }

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
    synchronized Page list(AgentCursor cursor, int pageSize, boolean ascending) {
        Comparator<SandboxAgent> order = Comparator.comparingLong(SandboxAgent::seq);
        List<SandboxAgent> ordered = new ArrayList<>(byId.values());
        ordered.sort(ascending ? order : order.reversed());
        int boundary = cursor == null ? 0 : (int) ordered.stream()
                .filter(a -> ascending ? a.seq() < cursor.position() : a.seq() > cursor.position())
                .count();
        int from;
        int to;
        if (cursor != null && cursor.reverse()) {
            to = boundary;
            from = Math.max(0, to - pageSize);
        } else {
            from = cursor == null ? 0 : skipPosition(ordered, boundary, cursor.position());
            to = Math.min(ordered.size(), from + pageSize);
        }
        List<SandboxAgent> page = List.copyOf(ordered.subList(from, to));
        AgentCursor next = to < ordered.size() && !page.isEmpty()
                ? new AgentCursor(false, page.get(page.size() - 1).seq()) : null;
        AgentCursor previous = from > 0 && !page.isEmpty() ? new AgentCursor(true, page.get(0).seq()) : null;
        return new Page(page, next, previous, ordered.size());
    }

    /** Moves past the item at the cursor's position itself, when it still exists. */
    private static int skipPosition(List<SandboxAgent> ordered, int boundary, long position) {
        return boundary < ordered.size() && ordered.get(boundary).seq() == position ? boundary + 1 : boundary;
    }
}
