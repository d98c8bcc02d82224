package dev.callbridge.subscription;

import dev.callbridge.signing.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

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
        return HexFormat.of().formatHex(
                HmacSha256.digest(secret, (unixSeconds + ".").getBytes(StandardCharsets.US_ASCII), body));
    }
}
