package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CallRegistry} in this process' memory, bounded in size and in age so a busy
 * instance cannot grow without limit. Entries are kept in the order they were stored; as
 * every entry lives equally long, the oldest ones are both the first to expire and the
 * first to be evicted, and both happen from the head of the map in constant time. The work is
 * done on the subscriber's thread under a short lock.
 */
public class InMemoryCallRegistry implements CallRegistry {

    private final int maxSize;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    InMemoryCallRegistry(CallConfig config) {
        this(config.registry().maxSize(), config.registry().ttl(), Clock.systemUTC());
    }

    InMemoryCallRegistry(int maxSize, Duration ttl, Clock clock) {
        this.maxSize = Math.max(1, maxSize);
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Uni<Void> put(CallRecord call) {
        return Uni.createFrom().item(() -> {
            putNow(call);
            return null;
        });
    }

    @Override
    public Uni<Optional<CallRecord>> find(String callId) {
        return Uni.createFrom().item(() -> findNow(callId));
    }

    private synchronized void putNow(CallRecord call) {
        Instant now = clock.instant();
        purgeExpired(now);
        // Re-inserting moves the entry to the tail, keeping the map in storage order.
        entries.remove(call.callId());
        entries.put(call.callId(), new Entry(call, now.plus(ttl)));
        while (entries.size() > maxSize) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private synchronized Optional<CallRecord> findNow(String callId) {
        purgeExpired(clock.instant());
        Entry entry = entries.get(callId);
        return entry == null ? Optional.empty() : Optional.of(entry.call());
    }

    /** How many calls are remembered now. */
    synchronized int size() {
        purgeExpired(clock.instant());
        return entries.size();
    }

    private void purgeExpired(Instant now) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext() && !it.next().getValue().expiresAt().isAfter(now)) {
            it.remove();
        }
    }

    private record Entry(CallRecord call, Instant expiresAt) {
    }
}
