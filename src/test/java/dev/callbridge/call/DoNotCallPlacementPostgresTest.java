package dev.callbridge.call;

import dev.callbridge.store.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;

/**
 * {@link DoNotCallPlacementTest} with the postgres store: the list and the refusals read the
 * shared table. A database of its own, so the call it places is no other test's business.
 */
@QuarkusTest
@TestProfile(DoNotCallPlacementPostgresTest.Profile.class)
class DoNotCallPlacementPostgresTest extends DoNotCallPlacementTest {

    /** The postgres store on a database of this test's own. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class,
                    Map.of(PostgresTestResource.DATABASE, "do_not_call_placements")));
        }
    }
}
