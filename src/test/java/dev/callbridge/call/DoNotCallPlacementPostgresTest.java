package dev.callbridge.call;

import dev.callbridge.store.PostgresStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link DoNotCallPlacementTest} with the postgres store: the list and the refusals read the shared table. */
@QuarkusTest
@TestProfile(PostgresStoreProfile.class)
class DoNotCallPlacementPostgresTest extends DoNotCallPlacementTest {
}
