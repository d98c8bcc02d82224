package dev.callbridge.number;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Routes in this process only (the {@code memory} store), ordered by number. Bounded by the
 * route limit every put is given. One lock guards the map: routes change rarely, and the limit
 * and ownership checks must see the same state as the write that follows them.
 */
class InMemoryNumberRouteStore implements NumberRouteStore {

    private final NavigableMap<String, NumberRoute> routes = new TreeMap<>();

    @Override
    public Uni<Optional<NumberRoute>> find(String e164) {
        return Uni.createFrom().item(() -> {
            synchronized (routes) {
                return Optional.ofNullable(routes.get(e164));
            }
        });
    }

    @Override
    public Uni<RouteWrite> put(NumberRoute route, int maxRoutes) {
        return Uni.createFrom().item(() -> {
            synchronized (routes) {
                return write(route, maxRoutes);
            }
        });
    }

    private RouteWrite write(NumberRoute route, int maxRoutes) {
        NumberRoute current = routes.get(route.number());
        if (current == null) {
            if (routes.size() >= maxRoutes) {
                return RouteWrite.refused(RouteWrite.Outcome.LIMIT_REACHED);
            }
            routes.put(route.number(), route);
            return new RouteWrite(RouteWrite.Outcome.CREATED, route);
        }
        if (!current.owner().equals(route.owner())) {
            return RouteWrite.refused(RouteWrite.Outcome.OWNED_BY_ANOTHER);
        }
        NumberRoute replaced = new NumberRoute(route.number(), route.agentId(), route.templateContext(),
                route.metadata(), route.greeting(), route.owner(), current.createdAt(), route.updatedAt());
        routes.put(route.number(), replaced);
        return new RouteWrite(RouteWrite.Outcome.REPLACED, replaced);
    }

    @Override
    public Uni<List<NumberRoute>> list(String owner, String after, int limit) {
        return Uni.createFrom().item(() -> {
            synchronized (routes) {
                List<NumberRoute> page = new ArrayList<>();
                for (NumberRoute route : (after == null ? routes : routes.tailMap(after, false)).values()) {
                    if (page.size() == limit) {
                        break;
                    }
                    if (route.owner().equals(owner)) {
                        page.add(route);
                    }
                }
                return page;
            }
        });
    }

    @Override
    public Uni<Boolean> delete(String owner, String number) {
        return Uni.createFrom().item(() -> {
            synchronized (routes) {
                NumberRoute current = routes.get(number);
                if (current == null || !current.owner().equals(owner)) {
                    return false;
                }
                routes.remove(number);
                return true;
            }
        });
    }
}
