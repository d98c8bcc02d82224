package dev.callbridge.call;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of the ledger ended: the acceptance time and id of its last placement. The
 * ledger is ordered newest first by (accepted time, placement id), so the next page holds
 * what sorts strictly after this pair. Clients see it as an opaque token (URL-safe Base64).
 */
record LedgerCursor(Instant acceptedAt, String placementId) {

    private static final String VERSION = "v1";

    /** The cursor that follows {@code placement}. */
    static LedgerCursor after(CallPlacement placement) {
        return new LedgerCursor(placement.acceptedAt(), placement.placementId());
    }

    /** The client's token. */
    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, acceptedAt);
        String plain = VERSION + ":" + micros + ":" + placementId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException when it is not one
     */
    static LedgerCursor decode(String token) {
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new LedgerCursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), parts[2]);
    }

    /** Whether {@code placement} comes after this cursor, newest first. */
    boolean precedes(CallPlacement placement) {
        int byTime = placement.acceptedAt().compareTo(acceptedAt);
        return byTime < 0 || byTime == 0 && placement.placementId().compareTo(placementId) < 0;
    }
}
