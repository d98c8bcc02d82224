package dev.callbridge.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The signature header and event ids, checked against the documented recipe. */
class EventSignatureTest {

    private static final String SECRET = "whsec_test-secret-0123456789";
    private static final String BODY = "{\"id\":\"evt_1\",\"type\":\"call.placed\",\"data\":{\"to\":\"+14155550123\"}}";

    @Test
    void signsTheTimestampDotBodyWithHmacSha256() throws Exception {
        String header = EventSignature.header(SECRET, 1_780_000_000L, BODY.getBytes(StandardCharsets.UTF_8));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(("1780000000." + BODY).getBytes(StandardCharsets.UTF_8)));
        assertThat(header).isEqualTo("t=1780000000,v1=" + expected);
    }

    @Test
    void aDifferentTimestampBodyOrSecretChangesTheSignature() {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String v1 = EventSignature.hmac(SECRET, 1, body);
        assertThat(EventSignature.hmac(SECRET, 2, body)).isNotEqualTo(v1);
        assertThat(EventSignature.hmac(SECRET + "x", 1, body)).isNotEqualTo(v1);
        assertThat(EventSignature.hmac(SECRET, 1, (BODY + " ").getBytes(StandardCharsets.UTF_8))).isNotEqualTo(v1);
        assertThat(v1).matches("[0-9a-f]{64}");
    }

    @Test
    void eventIdsAreDeterministicPerPlacementAndType() {
        String id = EventIds.of("p-1", "call.placed");
        assertThat(id).startsWith("evt_").isEqualTo(EventIds.of("p-1", "call.placed"));
        assertThat(EventIds.of("p-1", "call.ended")).isNotEqualTo(id);
        assertThat(EventIds.of("p-2", "call.placed")).isNotEqualTo(id);
    }

    @Test
    void backoffDoublesAndEndsInDeathOverAboutEightHours() {
        Backoff backoff = new Backoff(java.time.Duration.ofMinutes(1), 10);
        java.time.Instant now = java.time.Instant.parse("2026-06-01T12:00:00Z");
        assertThat(backoff.retryAt(1, now)).isEqualTo(now.plusSeconds(60));
        assertThat(backoff.retryAt(2, now)).isEqualTo(now.plusSeconds(120));
        assertThat(backoff.retryAt(9, now)).isEqualTo(now.plusSeconds(60L * 256));
        assertThat(backoff.retryAt(10, now)).isNull();
        assertThat(backoff.span()).isEqualTo(java.time.Duration.ofMinutes(511));
    }
}
