package dev.callbridge.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Callbridge-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the
 * HMAC keyed with the subscription's secret (its UTF-8 bytes) over {@code "<t>." + raw body}.
 * Signing the timestamp with the body lets a receiver refuse a replayed request.
 */
public final class EventSignature {

    /** The header's name. */
    public static final String HEADER = "Callbridge-Signature";

    private EventSignature() {
    }

    /** The header value for a body sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, byte[] body) {
        return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds, body);
    }

    /** The hex HMAC-SHA256 of {@code "<t>.<body>"}. */
    static String hmac(String secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
