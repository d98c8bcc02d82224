package dev.callbridge.ultravox;

import dev.callbridge.signing.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ultravox's webhook signature, both ways: {@code X-Ultravox-Webhook-Signature} holds one
 * lower-case hex HMAC-SHA256 per secret of the webhook, comma-separated, each keyed with the
 * secret's UTF-8 bytes over the raw body bytes followed by the {@code X-Ultravox-Webhook-Timestamp}
 * value, with no separator. The sandbox signs its deliveries with it and Callbridge's endpoint
 * checks them with it, so the two cannot drift apart.
 */
public final class UltravoxWebhookSignatures {

    /** When the delivery was sent, ISO-8601; part of what is signed. */
    public static final String TIMESTAMP_HEADER = "X-Ultravox-Webhook-Timestamp";
    /** The comma-separated digests. */
    public static final String SIGNATURE_HEADER = "X-Ultravox-Webhook-Signature";

    /** Longest signature header read: ten secrets' digests and their commas fit well within it. */
    private static final int MAX_HEADER = 2048;

    private UltravoxWebhookSignatures() {
    }

    /** The signature header's value for {@code body} sent at {@code timestamp}, one digest per secret. */
    public static String header(List<String> secrets, byte[] body, String timestamp) {
        return secrets.stream().map(secret -> sign(secret, body, timestamp)).collect(Collectors.joining(","));
    }

    /** One digest: HMAC-SHA256 keyed with the secret over body then timestamp. */
    public static String sign(String secret, byte[] body, String timestamp) {
        return HexFormat.of().formatHex(digest(secret, body, timestamp));
    }

    /**
     * Whether any digest in {@code header} is the one {@code body} and {@code timestamp} give
     * under any of {@code secrets}. Digests are compared as bytes in constant time, and every
     * pair is compared even after a match, so the time taken says nothing about which secret or
     * how much of a digest matched.
     */
    public static boolean matches(List<String> secrets, byte[] body, String timestamp, String header) {
        if (header == null || header.length() > MAX_HEADER || timestamp == null) {
            return false;
        }
        List<byte[]> offered = offered(header);
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = digest(secret, body, timestamp);
            for (byte[] candidate : offered) {
                match |= MessageDigest.isEqual(expected, candidate);
            }
        }
        return match;
    }

    /** The header's well-formed digests (64 lower-case hex digits); anything else cannot match. */
    private static List<byte[]> offered(String header) {
        return Arrays.stream(header.split(",", -1)).map(String::trim)
                .filter(value -> value.matches("[0-9a-f]{64}"))
                .map(HexFormat.of()::parseHex).toList();
    }

    private static byte[] digest(String secret, byte[] body, String timestamp) {
        return HmacSha256.digest(secret, body, timestamp.getBytes(StandardCharsets.UTF_8));
    }
}
