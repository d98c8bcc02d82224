package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.store.PostgresStoreProfile;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** With {@code CALLBRIDGE_STORE=postgres}, subscriptions and the outbox live in PostgreSQL. */
@QuarkusTest
@TestProfile(PostgresStoreProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class PostgresWebhooksTest {

    @Inject
    CallNotifications notifications;

    @ConfigProperty(name = "callbridge.store.db.url")
    String databaseUrl;

    @AfterEach
    void cleanUp() {
        Webhooks.deleteAll(Api.KEY);
    }

    @Test
    void aSubscriptionAndItsDeliveriesAreStoredInPostgres() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start(1)) {
            String id = Webhooks.subscribe(Api.KEY, receiver.baseUrl() + "/events", "pg-secret-0123456789",
                    "call.placed", "call.ended").getString("id");
            String placement = UUID.randomUUID().toString();
            notifications.publish(ApiKeyOwner.of(Api.KEY), placement, "call.placed", Instant.now(), Map.of("a", 1))
                    .await().atMost(Duration.ofSeconds(5));
            notifications.publish(ApiKeyOwner.of(Api.KEY), placement, "call.ended", Instant.now(), Map.of("a", 2))
                    .await().atMost(Duration.ofSeconds(5));

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 3);
            assertThat(receiver.received()).extracting(r -> r.header("Callbridge-Event-Type"))
                    .containsExactly("call.placed", "call.placed", "call.ended");
            await().atMost(Duration.ofSeconds(5)).until(() -> count("SELECT count(*) FROM webhook_deliveries "
                    + "WHERE state = 'delivered' AND subscription_id = '" + id + "'") == 2);
            assertThat(Webhooks.deliveries(id).getList("results.attempts")).containsExactly(1, 2);
            assertThat(count("SELECT count(*) FROM webhook_subscriptions WHERE id = '" + id + "' AND owner = '"
                    + ApiKeyOwner.of(Api.KEY) + "'")).isEqualTo(1);
        }
    }

    private long count(String sql) throws Exception {
        String jdbc = "jdbc:" + databaseUrl;
        try (Connection connection = DriverManager.getConnection(jdbc, dev.callbridge.store.LocalPostgres.USER,
                dev.callbridge.store.LocalPostgres.PASSWORD); ResultSet rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
