package dev.callbridge.guard;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;

/**
 * Where the do-not-call list is kept, one implementation per store kind ({@link DoNotCallLists}):
 * in this process' memory, or in PostgreSQL, shared by every replica, so a number listed through
 * one replica is refused by all of them.
 */
public interface DoNotCallList {

    /** What {@link #add} did. */
    enum Added {
        /** The number is now on the list. */
        ADDED,
        /** The number was on the list already; its entry is unchanged. */
        ALREADY_LISTED,
        /** The list holds its most entries already; the number was not added. */
        FULL
    }

    /**
     * Puts {@code entry}'s number on the list unless it is listed already or the list holds
     * {@code maxEntries} numbers.
     */
    Uni<Added> add(DoNotCallEntry entry, int maxEntries);

    /** The number's entry, if it is listed. */
    Uni<Optional<DoNotCallEntry>> find(String number);

    /** Takes the number off the list; false when it was not listed. */
    Uni<Boolean> remove(String number);

    /** The entries in number order, from just after {@code after} (null: from the first), at most {@code limit}. */
    Uni<List<DoNotCallEntry>> list(String after, int limit);
}
