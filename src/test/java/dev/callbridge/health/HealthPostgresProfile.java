package dev.callbridge.health;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Callbridge with {@code CALLBRIDGE_STORE=postgres} on the {@link HealthPostgres} database. */
public class HealthPostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(HealthPostgres.class));
    }
}
