package dev.callbridge.health;

import io.quarkus.test.junit.QuarkusTestProfile;
import dev.callbridge.store.PostgresTestResource;
import java.util.List;
import java.util.Map;

/**
 * Callbridge with {@code CALLBRIDGE_STORE=postgres} on a database of its own, {@link #DATABASE},
 * which the database readiness tests take away from the application; the password is a marker
 * the tests look for in every answer.
 */
public class HealthPostgresProfile implements QuarkusTestProfile {

    static final String DATABASE = "callbridge_health";
    static final String PASSWORD = "db-password-never-shown-4711";

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of(
                PostgresTestResource.DATABASE, DATABASE, PostgresTestResource.PASSWORD, PASSWORD)));
    }
}
