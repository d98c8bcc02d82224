package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import org.awaitility.Awaitility;

import dev.callbridge.store.TestDatabase;
import dev.callbridge.testing.CallbackReceiver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PostgreSQL store: the contract, and two replicas' dispatchers sharing one outbox. */
class PostgresSubscriptionStoreTest extends SubscriptionStoreContract {

    private static TestDatabase database;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.create();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.truncate("webhook_subscriptions CASCADE");
    }

    @Override
    SubscriptionStore store() {
        return new PostgresSubscriptionStore(database.pool(), Duration.ofDays(7), Clock.systemUTC());
    }

    @Test
    void twoDispatchersOnOneDatabaseDeliverEachEventOnceAndInOrderPerCall() throws Exception {
        Vertx vertx = Vertx.vertx();
        Pool secondPool = database.openPool();
        List<WebhookDispatcher> dispatchers = new ArrayList<>();
        try (CallbackReceiver receiver = CallbackReceiver.start(3)) {
            SubscriptionStore first = store();
            SubscriptionStore second = new PostgresSubscriptionStore(secondPool, Duration.ofDays(7), Clock.systemUTC());
            Subscription s = new Subscription("sub-1", ALICE, receiver.baseUrl() + "/events", EventTypes.ALL,
                    "a-secret-of-sixteen+", Instant.now());
            await(first.create(s, 10));
            List<String> types = List.of("call.placed", "call.ringing", "call.answered", "call.joined", "call.ended");
            for (String type : types) {
                for (int call = 0; call < 8; call++) {
                    await(first.enqueue(new OutboundEvent(ALICE, EventIds.of("p" + call, type), type, "p" + call,
                            Instant.now(), "{\"call\":" + call + ",\"type\":\"" + type + "\"}"), Instant.now()));
                }
            }
            for (SubscriptionStore store : List.of(first, second)) {
                DeliverySettings settings = DeliverySettings.fast();
                WebhookDispatcher dispatcher = new WebhookDispatcher(store, new WebhookTargets(true, 2048),
                        new EventSender(vertx, settings), settings, vertx, new SimpleMeterRegistry(),
                        Clock.systemUTC(), Duration.ofMinutes(10));
                dispatcher.start();
                dispatchers.add(dispatcher);
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> await(first.pending()) == 0);

            List<CallbackReceiver.Received> accepted = receiver.received().stream()
                    .filter(r -> r.status() == 204).toList();
            assertThat(accepted).hasSize(40);
            assertThat(accepted.stream().map(r -> r.header("Callbridge-Event-Id")).distinct()).hasSize(40);
            Map<String, List<String>> perCall = accepted.stream().collect(Collectors.groupingBy(
                    r -> r.body().replaceAll(".*\"call\":(\\d+).*", "$1"),
                    Collectors.mapping(r -> r.header("Callbridge-Event-Type"), Collectors.toList())));
            assertThat(perCall).hasSize(8).allSatisfy((call, received) -> assertThat(received).isEqualTo(types));
            assertThat(await(first.deliveries(s.id(), DeliveryState.DELIVERED, null, 100))).hasSize(40);
        } finally {
            dispatchers.forEach(WebhookDispatcher::stop);
            secondPool.close().await().indefinitely();
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void purgeDeletesOnlyFinishedDeliveriesPastRetention() {
        PostgresSubscriptionStore store = new PostgresSubscriptionStore(database.pool(), Duration.ofMillis(1),
                Clock.systemUTC());
        Subscription s = subscription(ALICE, "call.placed");
        await(store.create(s, 10));
        await(store.enqueue(event(ALICE, "p1", "call.placed"), Instant.now()));
        await(store.enqueue(event(ALICE, "p2", "call.placed"), Instant.now()));
        ClaimedDelivery claim = await(store.claimDue(Instant.now(), LEASE, 1)).get(0);
        await(store.record(claim, AttemptOutcome.answered(204), Instant.now().minusSeconds(5), null));
        assertThat(await(store.purgeExpired())).isEqualTo(1);
        assertThat(await(store.deliveries(s.id(), null, null, 10))).singleElement()
                .extracting(Delivery::state).isEqualTo(DeliveryState.PENDING);
    }
}
