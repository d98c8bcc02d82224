package dev.callbridge.idempotency;

import dev.callbridge.config.IdempotencyConfig;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Idempotency keys held in this process: bounded (oldest forgotten first) and expiring
 * after the retention period. Lost on restart and not shared between replicas: a
 * deployment with several replicas needs a shared implementation, which replaces this
 * default bean.
 */
@ApplicationScoped
@DefaultBean
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(String fingerprint, Instant expires, StoredResponse response) {
        boolean finished() {
            return response != null;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> insertionOrder = new ConcurrentLinkedQueue<>();
    private final Duration retention;
    private final int maxKeys;
    private final Clock clock;

    @Inject
    InMemoryIdempotencyStore(IdempotencyConfig config) {
        this(config.retention(), config.maxKeys(), Clock.systemUTC());
    }

    InMemoryIdempotencyStore(Duration retention, int maxKeys, Clock clock) {
        this.retention = retention;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    @Override
    public Claim claim(String key, String fingerprint) {
        Instant now = clock.instant();
        Claim[] outcome = new Claim[1];
        entries.compute(key, (k, current) -> {
            if (current == null || current.expires().isBefore(now)) {
                outcome[0] = new Claim.Granted();
                return new Entry(fingerprint, now.plus(retention), null);
            }
            if (!current.fingerprint().equals(fingerprint)) {
                outcome[0] = new Claim.Mismatch();
            } else {
                outcome[0] = current.finished() ? new Claim.Replay(current.response()) : new Claim.InFlight();
            }
            return current;
        });
        if (outcome[0] instanceof Claim.Granted) {
            insertionOrder.add(key);
            evictOverflow();
        }
        return outcome[0];
    }

    @Override
    public void complete(String key, StoredResponse response) {
        entries.computeIfPresent(key, (k, e) -> new Entry(e.fingerprint(), e.expires(), response));
    }

    @Override
    public void release(String key) {
        entries.computeIfPresent(key, (k, e) -> e.finished() ? e : null);
    }

    /** Number of keys currently remembered. */
    int size() {
        return entries.size();
    }

    private void evictOverflow() {
        while (entries.size() > maxKeys) {
            String oldest = insertionOrder.poll();
            if (oldest == null) {
                return;
            }
            entries.remove(oldest);
        }
        dropExpiredHead();
    }

    /** Keys expire in insertion order (one fixed retention), so expired ones sit at the head. */
    private void dropExpiredHead() {
        Instant now = clock.instant();
        String head;
        while ((head = insertionOrder.peek()) != null) {
            Entry e = entries.get(head);
            if (e != null && !e.expires().isBefore(now)) {
                return;
            }
            insertionOrder.poll();
            if (e != null) {
                entries.remove(head, e);
            }
        }
    }
}
