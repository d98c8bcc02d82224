package dev.callbridge.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.store.PostgresTestResource;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;

/** {@link MachineDetectionContract} on the PostgreSQL ledger: the first result wins under its row lock. */
@QuarkusTest
@TestProfile(MachineDetectionPostgresTest.Profile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class MachineDetectionPostgresTest extends MachineDetectionContract {

    /** {@link MachineDetectionProfile} on the project's own PostgreSQL. */
    public static class Profile extends MachineDetectionProfile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class));
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Override
    WireMockServer wireMock() {
        return wireMock;
    }
}
