package dev.callbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callbridge.resilience.FailureKind;
import dev.callbridge.resilience.ResilienceFixtures;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A refused connection is the one Twilio failure after which placing a call is repeated:
 * the request provably never left. Outside Quarkus, against a port nobody listens on.
 */
class RefusedConnectionTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @Test
    void aRefusedCallCreationIsTriedOnceMoreThenReportedAsUnreachable() throws IOException {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        TwilioGateway gateway = new TwilioGateway(TestConfigs.twilio(Optional.of("AC00000000000000000000000000000000"),
                Optional.of("token"), Optional.of("+14155550100"), "http://127.0.0.1:" + closedPort(), 2,
                Duration.ofSeconds(2)), TestConfigs.service(Optional.empty()), executor, null,
                ResilienceFixtures.resilience(meters), ResilienceFixtures.defaults());
        try {
            assertThatThrownBy(() -> gateway.createCall(new OutboundCall("+14155550123", "+14155550100", true,
                    "<Response/>", Optional.empty())).await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(TwilioCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(502);
                        assertThat(e.failureKind()).isEqualTo(FailureKind.NOT_SENT);
                        assertThat(e.upstreamStatus()).isNull();
                    });
            assertThat(meters.get("callbridge.vendor.retries").tag("vendor", "twilio").tag("operation", "create_call")
                    .counter().count()).isEqualTo(1);
            assertThat(meters.get("callbridge.vendor.requests").tag("outcome", "not_sent").counter().count())
                    .isEqualTo(2);
        } finally {
            gateway.close();
            executor.shutdownNow();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
