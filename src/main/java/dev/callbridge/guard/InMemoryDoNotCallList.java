package dev.callbridge.guard;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The do-not-call list in this process' memory: one instance, forgotten on restart. */
class InMemoryDoNotCallList implements DoNotCallList {

    private final ConcurrentSkipListMap<String, DoNotCallEntry> entries = new ConcurrentSkipListMap<>();

    @Override
    public Uni<Added> add(DoNotCallEntry entry, int maxEntries) {
        return Uni.createFrom().item(() -> addNow(entry, maxEntries));
    }

    // Synchronised so that two numbers added at once cannot both take the last free entry.
    private synchronized Added addNow(DoNotCallEntry entry, int maxEntries) {
        if (entries.containsKey(entry.number())) {
            return Added.ALREADY_LISTED;
        }
        if (entries.size() >= maxEntries) {
            return Added.FULL;
        }
        entries.put(entry.number(), entry);
        return Added.ADDED;
    }

    @Override
    public Uni<Optional<DoNotCallEntry>> find(String number) {
        return Uni.createFrom().item(() -> Optional.ofNullable(entries.get(number)));
    }

    @Override
    public Uni<Boolean> remove(String number) {
        return Uni.createFrom().item(() -> entries.remove(number) != null);
    }

    @Override
    public Uni<List<DoNotCallEntry>> list(String after, int limit) {
        return Uni.createFrom().item(() -> (after == null ? entries : entries.tailMap(after, false)).values().stream()
                .limit(limit).toList());
    }
}
