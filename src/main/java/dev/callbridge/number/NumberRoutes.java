package dev.callbridge.number;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Looks up the route of a called number, for the inbound voice webhook. Every replica reads the
 * same routes (the store is shared with the {@code postgres} store).
 */
public interface NumberRoutes {

    /** The route of this E.164 number, whoever owns it; empty when the number is not routed. */
    Uni<Optional<NumberRoute>> find(String e164);
}
