package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.config.HealthConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.TestConfigs;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class VendorHealthTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("dev.callbridge.health.VendorHealth");

    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aVendorThatDoesNotAnswerCountsAsDownAfterTheTimeout() {
        VendorHealth health = new VendorHealth(List.of(probe(Vendor.ULTRAVOX, Uni.createFrom().nothing())),
                config(Duration.ofMillis(100)), null);

        health.refresh().await().atMost(Duration.ofSeconds(5));

        VendorStatus status = health.status(Vendor.ULTRAVOX);
        assertThat(status.up()).isFalse();
        assertThat(status.outcome().code()).isEqualTo("timeout");
        assertThat(status.lastCheck()).isNotNull();
        assertThat(status.lastSuccess()).isNull();
    }

    @Test
    void unknownUntilTheFirstCheckThenUp() {
        VendorHealth health = new VendorHealth(List.of(probe(Vendor.ULTRAVOX, Uni.createFrom().item(ProbeOutcome.ok()))),
                config(Duration.ofSeconds(1)), null);
        assertThat(health.status(Vendor.ULTRAVOX).up()).isFalse();
        assertThat(health.status(Vendor.ULTRAVOX).readiness().getData().orElseThrow()).containsEntry("detail",
                "Not checked yet.");

        health.refresh().await().atMost(Duration.ofSeconds(5));

        assertThat(health.status(Vendor.ULTRAVOX).up()).isTrue();
    }

    @Test
    void concurrentRefreshesShareOneCheck() {
        AtomicInteger calls = new AtomicInteger();
        VendorProbe counting = probe(Vendor.ULTRAVOX, Uni.createFrom().item(() -> {
            calls.incrementAndGet();
            return ProbeOutcome.ok();
        }).onItem().delayIt().by(Duration.ofMillis(200)));
        VendorHealth health = new VendorHealth(List.of(counting), config(Duration.ofSeconds(1)), null);

        Uni<Void> first = health.refresh();
        Uni<Void> second = health.refresh();
        Uni.join().all(first, second).andFailFast().await().atMost(Duration.ofSeconds(5));

        assertThat(calls).hasValue(1);
    }

    @Test
    void missingCredentialsAreNamedWithoutCallingTheVendor() {
        UltravoxProbe ultravox = new UltravoxProbe(null, TestConfigs.ultravox(Optional.of(" ")));

        ProbeOutcome outcome = ultravox.probe().await().indefinitely();

        assertThat(outcome.reachable()).isFalse();
        assertThat(outcome.code()).isEqualTo("missing-configuration");
        assertThat(outcome.detail()).contains("ULTRAVOX_API_KEY");
        assertThat(TwilioProbe.missingSettings(twilio(Optional.empty(), Optional.of("token"))))
                .containsExactly("TWILIO_ACCOUNT_SID");
        assertThat(TwilioProbe.missingSettings(twilio(Optional.of("AC1"), Optional.empty())))
                .containsExactly("TWILIO_AUTH_TOKEN");
        assertThat(TwilioProbe.missingSettings(twilio(Optional.of("AC1"), Optional.of("token")))).isEmpty();
    }

    @Test
    void backgroundChecksStartWhenTheServerListensAndRetrySoonUntilTheFirstSuccess() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        VendorProbe flaky = probe(Vendor.ULTRAVOX, Uni.createFrom().item(() -> calls.incrementAndGet() < 3
                ? ProbeOutcome.failed(null, "unreachable", "refused") : ProbeOutcome.ok()));
        Vertx vertx = Vertx.vertx();
        try {
            VendorHealth health = new VendorHealth(List.of(flaky), background(Duration.ofMillis(50),
                    Duration.ofSeconds(30)), vertx);
            Thread.sleep(200);
            assertThat(calls).as("nothing before the server listens").hasValue(0);

            health.onHttpStart(new HttpServerStart(new HttpServerOptions()));
            health.onHttpStart(new HttpServerStart(new HttpServerOptions()));

            // Attempts at 0, +50 ms and +150 ms; then the next one is an interval away.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!health.status(Vendor.ULTRAVOX).up() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(health.status(Vendor.ULTRAVOX).up()).isTrue();
            Thread.sleep(300);
            assertThat(calls).as("one chain of checks, settled after the first success").hasValue(3);
            health.onStop(null);
        } finally {
            vertx.closeAndAwait();
        }
    }

    @Test
    void anOutageLeavesTheVendorReadyButNotUp() {
        VendorStatus down = VendorStatus.unchecked(Vendor.ULTRAVOX).after(ProbeOutcome.failed(503, "upstream_error", "x"), NOW);

        assertThat(down.up()).isFalse();
        assertThat(down.ready()).isTrue();
        assertThat(down.readiness().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(down.wellness().getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(down.wellness().getName()).isEqualTo("ultravox-reachable");
        assertThat(down.readiness().getData().orElseThrow()).containsEntry("reachable", false)
                .containsEntry("lastErrorStatus", 503L);
    }

    @Test
    void refusedCredentialsBlockReadinessOnlyUntilTheyHaveBeenAcceptedOnce() {
        ProbeOutcome refused = ProbeOutcome.failed(401, "20003", "refused");
        VendorStatus neverAccepted = VendorStatus.unchecked(Vendor.ULTRAVOX).after(refused, NOW);
        VendorStatus revokedLater = VendorStatus.unchecked(Vendor.ULTRAVOX).after(ProbeOutcome.ok(), NOW)
                .after(refused, NOW.plusSeconds(30));

        assertThat(neverAccepted.ready()).isFalse();
        assertThat(revokedLater.ready()).isTrue();
        assertThat(revokedLater.up()).isFalse();
        assertThat(VendorStatus.unchecked(Vendor.ULTRAVOX).after(ProbeOutcome.failed(403, "x", "y"), NOW).ready()).isFalse();
        assertThat(VendorStatus.unchecked(Vendor.ULTRAVOX).after(ProbeOutcome.missing(List.of("ULTRAVOX_API_KEY")), NOW)
                .ready()).isFalse();
        assertThat(VendorStatus.unchecked(Vendor.ULTRAVOX).ready()).as("before the first check").isFalse();
    }

    @Test
    void accountUrlToleratesATrailingSlash() {
        assertThat(TwilioProbe.accountUrl("http://h:1/", "AC12")).isEqualTo("http://h:1/2010-04-01/Accounts/AC12.json");
        assertThat(TwilioProbe.accountUrl("http://h:1", "AC12")).isEqualTo("http://h:1/2010-04-01/Accounts/AC12.json");
    }

    private static VendorProbe probe(Vendor vendor, Uni<ProbeOutcome> answer) {
        return new VendorProbe() {
            public Vendor vendor() {
                return vendor;
            }

            public Uni<ProbeOutcome> probe() {
                return answer;
            }
        };
    }

    private static HealthConfig config(Duration timeout) {
        return new HealthConfig() {
            public Duration interval() {
                return Duration.ofSeconds(30);
            }

            public Duration timeout() {
                return timeout;
            }

            public Duration startupRetry() {
                return Duration.ofSeconds(1);
            }

            public boolean background() {
                return false;
            }
        };
    }

    private static HealthConfig background(Duration startupRetry, Duration interval) {
        return new HealthConfig() {
            public Duration interval() {
                return interval;
            }

            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            public Duration startupRetry() {
                return startupRetry;
            }

            public boolean background() {
                return true;
            }
        };
    }

    private static TwilioConfig twilio(Optional<String> sid, Optional<String> token) {
        return TestConfigs.twilio(sid, token, Optional.empty());
    }
}
