package dev.callbridge.resilience;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Common ground of the tests that make the vendors fail: each test starts with empty WireMock
 * stubs (Ultravox deletes succeed) and closed breakers, and leaves the breakers closed for the
 * next test class, which shares the application.
 */
abstract class VendorFaultTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailuresAnd("io.vertx.core.net.impl.ConnectionBase");

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    Resilience resilience;

    @BeforeEach
    void resetVendorsAndBreakers() {
        wireMock.resetAll();
        resilience.resetBreakers();
        wireMock.stubFor(VendorStubs.ultravoxDeletes());
    }

    @AfterEach
    void closeBreakers() {
        resilience.resetBreakers();
    }
}
