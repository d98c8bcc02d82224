package dev.callbridge.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries as Ultravox does: {@code X-Ultravox-Webhook-Signature} holds, for each
 * secret, the lower-case hex HMAC-SHA256 of the raw body bytes followed by the
 * {@code X-Ultravox-Webhook-Timestamp} value, comma-separated.
 */
final class UltravoxWebhookSignatures {

    static final String TIMESTAMP_HEADER = "X-Ultravox-Webhook-Timestamp";
    static final String SIGNATURE_HEADER = "X-Ultravox-Webhook-Signature";

    private UltravoxWebhookSignatures() {
    }

    /** The signature header's value for {@code body} sent at {@code timestamp}, one digest per secret. */
    static String header(List<String> secrets, byte[] body, String timestamp) {
        return secrets.stream().map(secret -> sign(secret, body, timestamp)).collect(Collectors.joining(","));
    }

    /** One digest: HMAC-SHA256 keyed with the secret over body then timestamp, no separator. */
    static String sign(String secret, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
