package dev.callbridge.ultravox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ultravox's webhook signature, checked against the contract's test vector (ultravox.md, 8.3). */
class UltravoxWebhookSignaturesTest {

    private static final String SECRET = "test-webhook-secret";
    private static final byte[] BODY = ("{\"event\":\"call.ended\",\"call\":{\"callId\":"
            + "\"8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f\",\"endReason\":\"hangup\"}}").getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "2025-06-01T12:00:00.000000+00:00";
    private static final String VECTOR = "879a8414ebba3f62b21ccf24a5a8e576afbd2ae6f1c440a5d0f56a841fc699eb";

    @Test
    void signsTheBodyThenTheTimestampWithEachSecret() {
        assertThat(UltravoxWebhookSignatures.sign(SECRET, BODY, TIMESTAMP)).isEqualTo(VECTOR);
        assertThat(UltravoxWebhookSignatures.header(List.of(SECRET, "rotated"), BODY, TIMESTAMP))
                .startsWith(VECTOR + ",")
                .matches("[0-9a-f]{64},[0-9a-f]{64}");
        assertThat(UltravoxWebhookSignatures.sign(SECRET, BODY, "2025-06-01T12:00:01.000000+00:00"))
                .isNotEqualTo(VECTOR);
    }

    @Test
    void theTestVectorMatches() {
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, VECTOR)).isTrue();
    }

    @Test
    void anyOfSeveralSignaturesMayMatchAnyOfSeveralSecrets() {
        String other = UltravoxWebhookSignatures.sign("someone-elses", BODY, TIMESTAMP);

        assertThat(UltravoxWebhookSignatures.matches(List.of("old", SECRET), BODY, TIMESTAMP, other + "," + VECTOR))
                .isTrue();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, other + ", " + VECTOR))
                .isTrue();
        assertThat(UltravoxWebhookSignatures.matches(List.of("old"), BODY, TIMESTAMP, other + "," + VECTOR))
                .isFalse();
    }

    @Test
    void aChangedBodyTimestampOrDigestDoesNotMatch() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("hangup", "timeout")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), tampered, TIMESTAMP, VECTOR)).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, "2025-06-01T12:00:00Z", VECTOR)).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, VECTOR.toUpperCase())).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, VECTOR.substring(2))).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, "")).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, null)).isFalse();
        assertThat(UltravoxWebhookSignatures.matches(List.of(), BODY, TIMESTAMP, VECTOR)).isFalse();
    }

    @Test
    void anOversizedHeaderIsNotRead() {
        String padded = (VECTOR + ",").repeat(40) + VECTOR;

        assertThat(UltravoxWebhookSignatures.matches(List.of(SECRET), BODY, TIMESTAMP, padded)).isFalse();
    }
}
