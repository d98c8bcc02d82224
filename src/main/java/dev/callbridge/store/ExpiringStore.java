package dev.callbridge.store;

import io.smallrye.mutiny.Uni;

/** A store whose rows outlive their use unless deleted: {@link StorePurge} deletes them. */
public interface ExpiringStore {

    /** Deletes every row whose retention or lease has ended; the number deleted. */
    Uni<Integer> purgeExpired();
}
