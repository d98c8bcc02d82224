package dev.callbridge.number;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * Where number routes are kept: the lookup the voice webhook uses, plus the writes and the
 * per-owner reads of {@code /api/v1/numbers}. One implementation per store kind.
 */
public interface NumberRouteStore extends NumberRoutes {

    /**
     * Stores {@code route} unless its number is routed by another owner, or it is a new number
     * and {@code maxRoutes} numbers are already routed. A replaced route keeps its
     * {@code createdAt}; everything else, {@code updatedAt} included, comes from {@code route}.
     */
    Uni<RouteWrite> put(NumberRoute route, int maxRoutes);

    /**
     * The owner's routes in number order, from just after {@code after} (null: from the first),
     * at most {@code limit} of them.
     */
    Uni<List<NumberRoute>> list(String owner, String after, int limit);

    /** Deletes the owner's route of {@code number}; false when the owner does not route it. */
    Uni<Boolean> delete(String owner, String number);
}
