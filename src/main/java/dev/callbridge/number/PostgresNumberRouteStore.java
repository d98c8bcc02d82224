package dev.callbridge.number;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Routes in PostgreSQL, shared by every replica, so each answers an inbound call the same way.
 * A put is one transaction under an advisory lock: read the number's current owner, then
 * replace, or count and insert.
 */
class PostgresNumberRouteStore implements NumberRouteStore {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final Pool pool;
    private final ObjectMapper mapper;

    PostgresNumberRouteStore(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    @Override
    public Uni<Optional<NumberRoute>> find(String e164) {
        return pool.preparedQuery(NumberQueries.FIND).execute(Tuple.of(e164))
                .map(rows -> routes(rows).stream().findFirst());
    }

    @Override
    public Uni<RouteWrite> put(NumberRoute route, int maxRoutes) {
        return pool.withTransaction(connection -> connection.query(NumberQueries.LOCK_ROUTES).execute()
                .flatMap(locked -> connection.preparedQuery(NumberQueries.CURRENT).execute(Tuple.of(route.number())))
                .flatMap(current -> {
                    if (current.rowCount() == 0) {
                        return insert(connection, route, maxRoutes);
                    }
                    if (!route.owner().equals(current.iterator().next().getString("owner"))) {
                        return Uni.createFrom().item(RouteWrite.refused(RouteWrite.Outcome.OWNED_BY_ANOTHER));
                    }
                    return replace(connection, route);
                }));
    }

    private Uni<RouteWrite> insert(SqlConnection connection, NumberRoute route, int maxRoutes) {
        return connection.query(NumberQueries.COUNT).execute().flatMap(count -> {
            if (count.iterator().next().getLong(0) >= maxRoutes) {
                return Uni.createFrom().item(RouteWrite.refused(RouteWrite.Outcome.LIMIT_REACHED));
            }
            return connection.preparedQuery(NumberQueries.INSERT).execute(Tuple.from(Arrays.asList(route.number(),
                    route.owner(), route.agentId(), context(route.templateContext()), metadata(route.metadata()),
                    route.greeting(), at(route.createdAt()), at(route.updatedAt()))))
                    .map(rows -> new RouteWrite(RouteWrite.Outcome.CREATED, routes(rows).get(0)));
        });
    }

    private Uni<RouteWrite> replace(SqlConnection connection, NumberRoute route) {
        return connection.preparedQuery(NumberQueries.REPLACE).execute(Tuple.from(Arrays.asList(route.number(),
                route.owner(), route.agentId(), context(route.templateContext()), metadata(route.metadata()),
                route.greeting(), at(route.updatedAt()))))
                .map(rows -> new RouteWrite(RouteWrite.Outcome.REPLACED, routes(rows).get(0)));
    }

    @Override
    public Uni<List<NumberRoute>> list(String owner, String after, int limit) {
        return pool.preparedQuery(NumberQueries.LIST).execute(Tuple.of(owner, after, limit)).map(this::routes);
    }

    @Override
    public Uni<Boolean> delete(String owner, String number) {
        return pool.preparedQuery(NumberQueries.DELETE).execute(Tuple.of(owner, number))
                .map(rows -> rows.rowCount() > 0);
    }

    private List<NumberRoute> routes(RowSet<Row> rows) {
        List<NumberRoute> routes = new ArrayList<>(rows.rowCount());
        rows.forEach(row -> routes.add(new NumberRoute(row.getString("number"), row.getString("agent_id"),
                parse(row.getString("template_context")), parseMetadata(row.getString("metadata")),
                row.getString("greeting"), row.getString("owner"), instant(row, "created_at"),
                instant(row, "updated_at"))));
        return routes;
    }

    private String context(JsonNode context) {
        return context == null ? null : write(context);
    }

    private String metadata(Map<String, String> metadata) {
        return write(metadata);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A route's JSON could not be written", e);
        }
    }

    private JsonNode parse(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored route's template context is not JSON", e);
        }
    }

    private Map<String, String> parseMetadata(String json) {
        try {
            return mapper.readValue(json, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored route's metadata is not a JSON object of strings", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Row row, String column) {
        return row.getOffsetDateTime(column).toInstant();
    }
}
