package dev.callbridge.number;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NumberRouteStore} does, run against each implementation by a subclass, so
 * the memory and the PostgreSQL store cannot drift apart.
 */
abstract class NumberRouteStoreContract {

    static final String ALICE = "owner-alice";
    static final String BOB = "owner-bob";
    static final Instant T0 = Instant.parse("2026-06-01T12:00:00.123Z");
    static final ObjectMapper JSON = new ObjectMapper();

    /** An empty store. */
    abstract NumberRouteStore store();

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    static NumberRoute route(String number, String owner, String agentId, Instant at) {
        return new NumberRoute(number, agentId, null, Map.of(), null, owner, at, at);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> numbers(List<NumberRoute> routes) {
        return routes.stream().map(NumberRoute::number).toList();
    }

    @Test
    void aNewRouteIsCreatedAndFoundWithEveryField() {
        NumberRouteStore store = store();
        NumberRoute route = new NumberRoute("+14155550100", "agent-1", json("{\"z\": 1, \"a\": {\"b\": [true, null]}}"),
                Map.of("line", "reception", "team", "b"), "Hello there", ALICE, T0, T0);

        RouteWrite write = await(store.put(route, 10));

        assertThat(write.outcome()).isEqualTo(RouteWrite.Outcome.CREATED);
        assertThat(write.route()).isEqualTo(route);
        NumberRoute found = await(store.find("+14155550100")).orElseThrow();
        assertThat(found).isEqualTo(route);
        assertThat(found.templateContext().toString()).isEqualTo("{\"z\":1,\"a\":{\"b\":[true,null]}}");
    }

    @Test
    void anUnroutedNumberIsNotFound() {
        assertThat(await(store().find("+14155550100"))).isEmpty();
    }

    @Test
    void replacingKeepsCreatedAtAndTakesEverythingElse() {
        NumberRouteStore store = store();
        await(store.put(new NumberRoute("+14155550100", "agent-1", json("{\"a\": 1}"), Map.of("k", "v"), "Hi",
                ALICE, T0, T0), 10));
        Instant later = T0.plusSeconds(60);

        RouteWrite write = await(store.put(route("+14155550100", ALICE, "agent-2", later), 10));

        NumberRoute expected = new NumberRoute("+14155550100", "agent-2", null, Map.of(), null, ALICE, T0, later);
        assertThat(write.outcome()).isEqualTo(RouteWrite.Outcome.REPLACED);
        assertThat(write.route()).isEqualTo(expected);
        assertThat(await(store.find("+14155550100"))).contains(expected);
    }

    @Test
    void anotherOwnersNumberIsNeitherReplacedNorDeleted() {
        NumberRouteStore store = store();
        NumberRoute alices = route("+14155550100", ALICE, "agent-1", T0);
        await(store.put(alices, 10));

        RouteWrite write = await(store.put(route("+14155550100", BOB, "agent-2", T0.plusSeconds(1)), 10));

        assertThat(write.outcome()).isEqualTo(RouteWrite.Outcome.OWNED_BY_ANOTHER);
        assertThat(write.route()).isNull();
        assertThat(await(store.delete(BOB, "+14155550100"))).isFalse();
        assertThat(await(store.find("+14155550100"))).contains(alices);
        assertThat(await(store.list(BOB, null, 10))).isEmpty();
    }

    @Test
    void aNewNumberBeyondTheLimitIsRefusedButAReplacementIsNot() {
        NumberRouteStore store = store();
        await(store.put(route("+14155550101", ALICE, "agent-1", T0), 2));
        await(store.put(route("+14155550102", BOB, "agent-1", T0), 2));

        assertThat(await(store.put(route("+14155550103", ALICE, "agent-1", T0), 2)).outcome())
                .isEqualTo(RouteWrite.Outcome.LIMIT_REACHED);
        assertThat(await(store.find("+14155550103"))).isEmpty();
        assertThat(await(store.put(route("+14155550101", ALICE, "agent-2", T0.plusSeconds(5)), 2)).outcome())
                .isEqualTo(RouteWrite.Outcome.REPLACED);

        assertThat(await(store.delete(BOB, "+14155550102"))).isTrue();
        assertThat(await(store.put(route("+14155550103", ALICE, "agent-1", T0), 2)).outcome())
                .isEqualTo(RouteWrite.Outcome.CREATED);
    }

    @Test
    void listsOnlyTheOwnersRoutesInNumberOrderFromAfterTheCursor() {
        NumberRouteStore store = store();
        for (String number : List.of("+442071838750", "+14155550103", "+14155550101", "+4930901820")) {
            await(store.put(route(number, ALICE, "agent-1", T0), 10));
        }
        await(store.put(route("+14155550102", BOB, "agent-1", T0), 10));

        assertThat(numbers(await(store.list(ALICE, null, 10))))
                .containsExactly("+14155550101", "+14155550103", "+442071838750", "+4930901820");
        assertThat(numbers(await(store.list(ALICE, null, 2)))).containsExactly("+14155550101", "+14155550103");
        assertThat(numbers(await(store.list(ALICE, "+14155550103", 2))))
                .containsExactly("+442071838750", "+4930901820");
        assertThat(numbers(await(store.list(ALICE, "+4930901820", 2)))).isEmpty();
        assertThat(numbers(await(store.list(BOB, null, 10)))).containsExactly("+14155550102");
    }

    @Test
    void deletingRemovesTheRouteOnce() {
        NumberRouteStore store = store();
        await(store.put(route("+14155550100", ALICE, "agent-1", T0), 10));

        assertThat(await(store.delete(ALICE, "+14155550100"))).isTrue();
        assertThat(await(store.find("+14155550100"))).isEmpty();
        assertThat(await(store.delete(ALICE, "+14155550100"))).isFalse();
        assertThat(await(store.list(ALICE, null, 10))).isEmpty();
    }

    @Test
    void aDeletedNumberCanBeRoutedByAnotherOwner() {
        NumberRouteStore store = store();
        await(store.put(route("+14155550100", ALICE, "agent-1", T0), 10));
        await(store.delete(ALICE, "+14155550100"));

        RouteWrite write = await(store.put(route("+14155550100", BOB, "agent-2", T0.plusSeconds(9)), 10));

        assertThat(write.outcome()).isEqualTo(RouteWrite.Outcome.CREATED);
        assertThat(await(store.find("+14155550100")).map(NumberRoute::owner)).contains(BOB);
    }
}
