package dev.callbridge.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Who owns what a request creates: the lower-case hex SHA-256 digest of the caller's API key.
 * Idempotency keys, call placements and webhook subscriptions are scoped by it, so one key
 * never sees or replays another's, and the key itself is never stored.
 */
public final class ApiKeyOwner {

    private ApiKeyOwner() {
    }

    /** The owner a request with this API key acts for ({@code null}: the digest of the empty key). */
    public static String of(String apiKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((apiKey == null ? "" : apiKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
