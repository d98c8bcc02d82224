package dev.callbridge.number;

import dev.callbridge.store.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * A deployment as production runs one: routes in PostgreSQL, a public base URL for Twilio, and
 * a route limit small enough to reach in a test.
 */
public class SharedNumbersProfile implements QuarkusTestProfile {

    static final String PUBLIC_BASE_URL = "https://callbridge.example.com";
    static final int MAX_ROUTES = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("callbridge.public-base-url", PUBLIC_BASE_URL + "/",
                "callbridge.numbers.max-routes", String.valueOf(MAX_ROUTES));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresTestResource.class));
    }
}
