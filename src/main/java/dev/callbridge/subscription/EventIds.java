package dev.callbridge.subscription;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids: {@code evt_} and a name-based (version 3) UUID of the placement id and the type, so
 * the same event published twice, by any replica, has the same id and is queued once.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The id of the event of this type about this placement. */
    public static String of(String placementId, String type) {
        return "evt_" + UUID.nameUUIDFromBytes((placementId + "\n" + type).getBytes(StandardCharsets.UTF_8));
    }
}
