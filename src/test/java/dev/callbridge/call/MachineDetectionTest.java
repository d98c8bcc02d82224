package dev.callbridge.call;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link MachineDetectionContract} on the in-memory ledger. */
@QuarkusTest
@TestProfile(MachineDetectionProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class MachineDetectionTest extends MachineDetectionContract {

    @InjectWireMock
    WireMockServer wireMock;

    @Override
    WireMockServer wireMock() {
        return wireMock;
    }
}
