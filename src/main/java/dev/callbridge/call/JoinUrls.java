package dev.callbridge.call;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The join URLs of agent calls that a connect webhook on this instance may soon ask for, by
 * placement id: a {@code parallel} placement's (made while the phone rings) and an
 * {@code on-answer} one's (for a repeated webhook). The join URL is a credential and is never
 * stored in the ledger, so a webhook that reaches another replica reads it again from Ultravox;
 * here it saves that round trip. An entry completes with the URL, or with null when the agent call
 * could not be made; bounded in count and kept no longer than the longest ring (or until its
 * stream was answered, see {@link #forget}).
 */
@ApplicationScoped
public class JoinUrls {

    /** The longest a phone may ring (600 s) plus Twilio's queueing: no answer can come later. */
    static final Duration KEPT = Duration.ofMinutes(12);
    /**
     * About four minutes of placements at 200 per second. Past it the oldest entries go first: a
     * webhook for an evicted one finds the agent call in the ledger instead, one Ultravox read later.
     */
    static final int MOST = 50_000;

    private final Cache<String, CompletableFuture<String>> pending = Caffeine.newBuilder()
            .expireAfterWrite(KEPT).maximumSize(MOST).build();

    /** The join URL of this placement's agent call, to complete when it is known. */
    CompletableFuture<String> expect(String placementId) {
        return pending.get(placementId, id -> new CompletableFuture<>());
    }

    /** The placement's agent call, if this instance made it or is making it. */
    Optional<CompletableFuture<String>> find(String placementId) {
        return Optional.ofNullable(pending.getIfPresent(placementId));
    }

    /** Forgets the placement: its call was connected, or ended. */
    void forget(String placementId) {
        pending.invalidate(placementId);
    }
}
