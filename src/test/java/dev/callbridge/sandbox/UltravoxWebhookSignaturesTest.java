package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ultravox's webhook signature, checked against the contract's test vector (ultravox.md, 8.3). */
class UltravoxWebhookSignaturesTest {

    private static final String BODY = "{\"event\":\"call.ended\",\"call\":{\"callId\":"
            + "\"8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f\",\"endReason\":\"hangup\"}}";
    private static final String TIMESTAMP = "2025-06-01T12:00:00.000000+00:00";

    @Test
    void signsTheBodyThenTheTimestampWithEachSecret() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);

        assertThat(UltravoxWebhookSignatures.sign("test-webhook-secret", body, TIMESTAMP))
                .isEqualTo("879a8414ebba3f62b21ccf24a5a8e576afbd2ae6f1c440a5d0f56a841fc699eb");
        assertThat(UltravoxWebhookSignatures.header(List.of("test-webhook-secret", "rotated"), body, TIMESTAMP))
                .startsWith("879a8414ebba3f62b21ccf24a5a8e576afbd2ae6f1c440a5d0f56a841fc699eb,")
                .matches("[0-9a-f]{64},[0-9a-f]{64}");
        assertThat(UltravoxWebhookSignatures.sign("test-webhook-secret", body, "2025-06-01T12:00:01.000000+00:00"))
                .isNotEqualTo("879a8414ebba3f62b21ccf24a5a8e576afbd2ae6f1c440a5d0f56a841fc699eb");
    }
}
