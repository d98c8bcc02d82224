package dev.callbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import dev.callbridge.webhook.UltravoxSignatureCheck.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts of the Ultravox webhook check, on a fixed clock. */
class UltravoxSignatureCheckTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:30Z");
    private static final byte[] BODY = "{\"event\":\"call.joined\",\"call\":{\"callId\":\"c-1\"}}"
            .getBytes(StandardCharsets.UTF_8);

    private final UltravoxSignatureCheck check = new UltravoxSignatureCheck(List.of(" old ", "", "new"),
            Duration.ofMinutes(1), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String signed(String secret, String timestamp) {
        return UltravoxWebhookSignatures.sign(secret, BODY, timestamp);
    }

    @Test
    void theContractsTestVectorIsAcceptedWhenFreshAndRefusedWhenReplayedLater() {
        byte[] body = ("{\"event\":\"call.ended\",\"call\":{\"callId\":\"8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f\","
                + "\"endReason\":\"hangup\"}}").getBytes(StandardCharsets.UTF_8);
        String timestamp = "2025-06-01T12:00:00.000000+00:00";
        String signature = "879a8414ebba3f62b21ccf24a5a8e576afbd2ae6f1c440a5d0f56a841fc699eb";
        List<String> secrets = List.of("test-webhook-secret");
        Instant sent = Instant.parse("2025-06-01T12:00:00Z");

        assertThat(new UltravoxSignatureCheck(secrets, Duration.ofMinutes(1), Clock.fixed(sent.plusSeconds(20),
                ZoneOffset.UTC)).check(body, timestamp, signature)).isEqualTo(Verdict.VALID);
        assertThat(new UltravoxSignatureCheck(secrets, Duration.ofMinutes(1), Clock.fixed(sent.plusSeconds(61),
                ZoneOffset.UTC)).check(body, timestamp, signature)).isEqualTo(Verdict.STALE_TIMESTAMP);
        assertThat(new UltravoxSignatureCheck(secrets, Duration.ofMinutes(5), Clock.fixed(sent.plusSeconds(61),
                ZoneOffset.UTC)).check(body, timestamp, signature)).isEqualTo(Verdict.VALID);
    }

    @Test
    void eitherSecretOfARotationIsAccepted() {
        String timestamp = "2025-06-01T12:00:00.000000+00:00";

        assertThat(check.check(BODY, timestamp, signed("old", timestamp))).isEqualTo(Verdict.VALID);
        assertThat(check.check(BODY, timestamp, signed("new", timestamp))).isEqualTo(Verdict.VALID);
        assertThat(check.check(BODY, timestamp, signed("other", timestamp) + "," + signed("new", timestamp)))
                .isEqualTo(Verdict.VALID);
        assertThat(check.check(BODY, timestamp, signed(" old ", timestamp))).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void theReplayWindowReachesBothWays() {
        for (String inside : List.of("2025-06-01T11:59:30Z", "2025-06-01T12:01:30Z", "2025-06-01T12:00:30+00:00")) {
            assertThat(check.check(BODY, inside, signed("new", inside))).as(inside).isEqualTo(Verdict.VALID);
        }
        for (String outside : List.of("2025-06-01T11:59:29.999Z", "2025-06-01T12:01:30.001Z", "2025-06-01T14:00:30+02:02")) {
            assertThat(check.check(BODY, outside, signed("new", outside))).as(outside)
                    .isEqualTo(Verdict.STALE_TIMESTAMP);
        }
    }

    @Test
    void timestampsAreReadLeniently() {
        assertThat(UltravoxSignatureCheck.parse("2025-06-01T12:00:00.000000+00:00")).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(UltravoxSignatureCheck.parse("2025-06-01T14:00:00+02:00")).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(UltravoxSignatureCheck.parse("2025-06-01T12:00:00Z")).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(UltravoxSignatureCheck.parse("2025-06-01T12:00:00.123456")).isEqualTo("2025-06-01T12:00:00.123456Z");
        assertThat(UltravoxSignatureCheck.parse("2025-06-01 12:00:00+00:00")).isEqualTo("2025-06-01T12:00:00Z");
        assertThat(UltravoxSignatureCheck.parse("yesterday")).isNull();
        assertThat(UltravoxSignatureCheck.parse("1748779200")).isNull();
        assertThat(UltravoxSignatureCheck.parse("2025-06-01T12:00:00Z" + " ".repeat(60) + "x")).isNull();
    }

    @Test
    void anUnreadableTimestampIsRefusedOnlyOnceTheSignatureMatches() {
        assertThat(check.check(BODY, "yesterday", signed("new", "yesterday"))).isEqualTo(Verdict.INVALID_TIMESTAMP);
        assertThat(check.check(BODY, "yesterday", signed("other", "yesterday"))).isEqualTo(Verdict.MISMATCH);
        assertThat(check.check(BODY, "2020-01-01T00:00:00Z", signed("other", "2020-01-01T00:00:00Z")))
                .isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void missingHeadersAndMissingSecretsAreNamed() {
        String timestamp = "2025-06-01T12:00:00Z";

        assertThat(check.check(BODY, timestamp, null)).isEqualTo(Verdict.MISSING_SIGNATURE);
        assertThat(check.check(BODY, timestamp, " ")).isEqualTo(Verdict.MISSING_SIGNATURE);
        assertThat(check.check(BODY, null, signed("new", timestamp))).isEqualTo(Verdict.MISSING_TIMESTAMP);
        UltravoxSignatureCheck unconfigured = new UltravoxSignatureCheck(List.of(" ", ""), Duration.ofMinutes(1),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(unconfigured.configured()).isFalse();
        assertThat(unconfigured.check(BODY, timestamp, signed(" ", timestamp))).isEqualTo(Verdict.NOT_CONFIGURED);
    }

    @Test
    void onlyTimestampRefusalsAreAboutTime() {
        assertThat(List.of(Verdict.values())).filteredOn(Verdict::aboutTime)
                .containsExactlyInAnyOrder(Verdict.INVALID_TIMESTAMP, Verdict.STALE_TIMESTAMP);
        assertThat(List.of(Verdict.values())).filteredOn(v -> v != Verdict.VALID)
                .allSatisfy(v -> assertThat(v.detail()).isNotBlank());
    }
}
