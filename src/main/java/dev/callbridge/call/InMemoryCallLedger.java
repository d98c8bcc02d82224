package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link CallLedger} in this process' memory, bounded in count and in age so a busy instance
 * cannot grow without limit; each placement holds ids, two numbers and a few timestamps, a few
 * hundred bytes, so the count also bounds the bytes. Placements are kept in the order they were
 * first recorded, and a later step rewrites a placement in place: as every placement lives
 * equally long from its first record, the oldest are both the first to expire and the first to
 * be evicted, from the head of the map in constant time. The work is done on the subscriber's
 * thread under a short lock.
 */
public class InMemoryCallLedger implements CallLedger {

    private final int maxSize;
    private final Duration ttl;
    private final Clock clock;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
    /** Ultravox call id to placement id: a call is looked up by the id the client knows. */
    private final Map<String, String> byCallId = new HashMap<>();

    InMemoryCallLedger(CallConfig config) {
        this(config.registry().maxSize(), config.registry().ttl(), Clock.systemUTC());
    }

    InMemoryCallLedger(int maxSize, Duration ttl, Clock clock) {
        this.maxSize = Math.max(1, maxSize);
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public Uni<Void> save(CallPlacement placement) {
        return Uni.createFrom().item(() -> {
            saveNow(placement);
            return null;
        });
    }

    @Override
    public Uni<Optional<CallPlacement>> find(String id) {
        return Uni.createFrom().item(() -> findNow(id));
    }

    @Override
    public Uni<LedgerPage> list(LedgerQuery query) {
        return Uni.createFrom().item(() -> listNow(query));
    }

    private synchronized void saveNow(CallPlacement placement) {
        Instant now = clock.instant();
        purgeExpired(now);
        Entry earlier = entries.get(placement.placementId());
        // Replacing a present key keeps its position: the map stays in first-record order.
        entries.put(placement.placementId(), new Entry(placement, earlier == null ? now.plus(ttl) : earlier.expiresAt()));
        if (placement.callId() != null) {
            byCallId.put(placement.callId(), placement.placementId());
        }
        while (entries.size() > maxSize) {
            removeOldest();
        }
    }

    private synchronized Optional<CallPlacement> findNow(String id) {
        purgeExpired(clock.instant());
        Entry entry = entries.get(id);
        if (entry == null && byCallId.containsKey(id)) {
            entry = entries.get(byCallId.get(id));
        }
        return entry == null ? Optional.empty() : Optional.of(entry.placement());
    }

    private synchronized LedgerPage listNow(LedgerQuery query) {
        purgeExpired(clock.instant());
        List<CallPlacement> matches = entries.values().stream().map(Entry::placement).filter(query::matches)
                .sorted(LedgerQuery.NEWEST_FIRST).limit(query.pageSize() + 1L).toList();
        return LedgerPage.of(matches, query.pageSize());
    }

    /** How many placements are kept now. */
    synchronized int size() {
        purgeExpired(clock.instant());
        return entries.size();
    }

    private void purgeExpired(Instant now) {
        while (!entries.isEmpty() && !entries.values().iterator().next().expiresAt().isAfter(now)) {
            removeOldest();
        }
    }

    private void removeOldest() {
        Iterator<Entry> oldest = entries.values().iterator();
        CallPlacement placement = oldest.next().placement();
        oldest.remove();
        if (placement.callId() != null) {
            byCallId.remove(placement.callId(), placement.placementId());
        }
    }

    private record Entry(CallPlacement placement, Instant expiresAt) {
    }
}
