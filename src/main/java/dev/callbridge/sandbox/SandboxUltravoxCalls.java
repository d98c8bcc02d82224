package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The simulated Ultravox's calls, in memory and bounded. A call that no media client joins
 * within its {@code joinTimeout} ends as {@code unjoined}, as on the real service; the Twilio
 * simulator joins and ends calls through {@link #joinByUrl} and {@link #end}. Each step sends the
 * registered webhooks' event ({@link UltravoxWebhookDelivery}); a deletion sends none, as it
 * is about data.
 */
@ApplicationScoped
class SandboxUltravoxCalls {

    private final Map<String, SimulatedUltravoxCall> byId = new LinkedHashMap<>();
    private final SandboxClock clock;
    private final UltravoxWebhookDelivery webhooks;
    private final int maxConcurrent;
    private final int maxRecords;
    private long lastSeq;

    SandboxUltravoxCalls(SandboxConfig config, SandboxClock clock, UltravoxWebhookDelivery webhooks) {
        this.clock = clock;
        this.webhooks = webhooks;
        this.maxConcurrent = config.maxConcurrentCalls();
        this.maxRecords = config.maxRecords();
    }

    /** A new call, or empty when the concurrency limit (or memory bound) is reached. */
    Optional<SimulatedUltravoxCall> create(AgentCallRequests.Prepared prepared) {
        SimulatedUltravoxCall call;
        synchronized (this) {
            if (activeCount() >= maxConcurrent || (byId.size() >= maxRecords && !evictOldestEnded())) {
                return Optional.empty();
            }
            call = new SimulatedUltravoxCall(++lastSeq, UUID.randomUUID().toString(), clock.now(),
                    prepared.settings(), prepared.joinTimeoutSeconds(), prepared.maxDurationSeconds(),
                    prepared.metadata());
            byId.put(call.callId(), call);
        }
        webhooks.send("call.started", toJson(call));
        clock.after(call.joinTimeoutSeconds(), () -> {
            if (call.endIfUnjoined(clock.now())) {
                ended(call);
            }
        });
        return Optional.of(call);
    }

    synchronized Optional<SimulatedUltravoxCall> get(String callId) {
        return Optional.ofNullable(byId.get(callId));
    }

    /** The calls {@code filter} accepts, oldest first; deleted calls are gone and never listed. */
    List<SimulatedUltravoxCall> matching(Predicate<SimulatedUltravoxCall> filter) {
        List<SimulatedUltravoxCall> all;
        synchronized (this) {
            all = List.copyOf(byId.values());
        }
        // Filtered outside this lock: each call has its own.
        return all.stream().filter(filter).toList();
    }

    /** Forgets a call, live or not: deletion is about data, and compensation must always succeed. */
    boolean delete(String callId) {
        SimulatedUltravoxCall removed;
        synchronized (this) {
            removed = byId.remove(callId);
        }
        if (removed != null) {
            removed.end(clock.now(), "hangup");
        }
        return removed != null;
    }

    /** Connects a Twilio media stream to the call behind {@code joinUrl}; empty if it cannot join. */
    Optional<SimulatedUltravoxCall> joinByUrl(String joinUrl, String twilioCallSid, String twilioAccountSid) {
        if (joinUrl == null || !joinUrl.startsWith(SimulatedUltravoxCall.JOIN_URL_PREFIX)) {
            return Optional.empty();
        }
        return get(joinUrl.substring(SimulatedUltravoxCall.JOIN_URL_PREFIX.length()))
                .filter(call -> call.join(clock.now(), twilioCallSid, twilioAccountSid))
                .map(call -> {
                    webhooks.send("call.joined", toJson(call));
                    return call;
                });
    }

    void end(SimulatedUltravoxCall call, String reason) {
        if (call.end(clock.now(), reason)) {
            ended(call);
        }
    }

    /** Webhooks of an ended call: {@code call.ended} at once, {@code call.billed} a simulated second later. */
    private void ended(SimulatedUltravoxCall call) {
        webhooks.send("call.ended", toJson(call));
        clock.after(1, () -> webhooks.send("call.billed", toJson(call)));
    }

    ObjectNode toJson(SimulatedUltravoxCall call) {
        return call.toJson(clock.simulatedSeconds(call.talkTime()));
    }

    private int activeCount() {
        return (int) byId.values().stream().filter(SimulatedUltravoxCall::active).count();
    }

    private boolean evictOldestEnded() {
        for (Iterator<SimulatedUltravoxCall> it = byId.values().iterator(); it.hasNext(); ) {
            if (!it.next().active()) {
                it.remove();
                return true;
            }
        }
        return false;
    }
}
