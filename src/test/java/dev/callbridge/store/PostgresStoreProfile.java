package dev.callbridge.store;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Callbridge with {@code CALLBRIDGE_STORE=postgres} on a {@link LocalPostgres} of its own. */
public class PostgresStoreProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class));
    }
}
