package dev.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** In sandbox mode the vendor credentials come from the simulator, so the startup check passes. */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class RequiredConfigCheckInSandboxTest {

    @Inject
    RequiredConfigCheck check;

    @Test
    void nothingIsMissing() {
        assertThat(check.missing()).isEmpty();
    }
}
