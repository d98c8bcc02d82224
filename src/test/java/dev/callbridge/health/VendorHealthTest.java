package dev.callbridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.config.HealthConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.config.UltravoxConfig;
import dev.callbridge.testing.TestConfigs;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VendorHealthTest {

    @Test
    void aVendorThatDoesNotAnswerCountsAsDownAfterTheTimeout() {
        VendorHealth health = new VendorHealth(List.of(probe("silent", Uni.createFrom().nothing())),
                config(Duration.ofMillis(100)), null);

        health.refresh().await().atMost(Duration.ofSeconds(5));

        VendorStatus status = health.status("silent");
        assertThat(status.up()).isFalse();
        assertThat(status.outcome().code()).isEqualTo("timeout");
        assertThat(status.lastCheck()).isNotNull();
        assertThat(status.lastSuccess()).isNull();
    }

    @Test
    void unknownUntilTheFirstCheckThenUp() {
        VendorHealth health = new VendorHealth(List.of(probe("fine", Uni.createFrom().item(ProbeOutcome.ok()))),
                config(Duration.ofSeconds(1)), null);
        assertThat(health.status("fine").up()).isFalse();
        assertThat(health.status("fine").toResponse().getData().orElseThrow()).containsEntry("detail",
                "Not checked yet.");

        health.refresh().await().atMost(Duration.ofSeconds(5));

        assertThat(health.status("fine").up()).isTrue();
    }

    @Test
    void concurrentRefreshesShareOneCheck() {
        AtomicInteger calls = new AtomicInteger();
        VendorProbe counting = probe("counted", Uni.createFrom().item(() -> {
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
        UltravoxProbe ultravox = new UltravoxProbe(null, new UltravoxConfig() {
            public Optional<String> apiKey() {
                return Optional.of(" ");
            }

            public String baseUrl() {
                return "http://127.0.0.1:9";
            }
        });

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
    void accountUrlToleratesATrailingSlash() {
        assertThat(TwilioProbe.accountUrl("http://h:1/", "AC12")).isEqualTo("http://h:1/2010-04-01/Accounts/AC12.json");
        assertThat(TwilioProbe.accountUrl("http://h:1", "AC12")).isEqualTo("http://h:1/2010-04-01/Accounts/AC12.json");
    }

    private static VendorProbe probe(String name, Uni<ProbeOutcome> answer) {
        return new VendorProbe() {
            public String vendor() {
                return name;
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

            public boolean background() {
                return false;
            }
        };
    }

    private static TwilioConfig twilio(Optional<String> sid, Optional<String> token) {
        return TestConfigs.twilio(sid, token, Optional.empty());
    }
}
