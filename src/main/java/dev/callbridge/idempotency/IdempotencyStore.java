package dev.callbridge.idempotency;

import io.smallrye.mutiny.Uni;

/**
 * Remembers idempotency keys and the first response given for each. Implementations must
 * make {@link #claim} atomic: of many concurrent claims of one key, exactly one is granted.
 * Every method acts when its {@link Uni} is subscribed to and never blocks the caller's
 * thread: {@link InMemoryIdempotencyStore} serves one instance, {@link PostgresIdempotencyStore}
 * every replica that shares its database. {@link IdempotencyStores} picks one.
 */
public interface IdempotencyStore {

    /**
     * @param key         the scoped key (caller identity and the client's key)
     * @param fingerprint digest of the request (method, path, canonical body)
     */
    Uni<Claim> claim(String key, String fingerprint);

    /** Records the final response of a granted claim. */
    Uni<Void> complete(String key, StoredResponse response);

    /** Forgets a granted claim whose request had no lasting effect, so it may run again. */
    Uni<Void> release(String key);
}
