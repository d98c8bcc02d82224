package dev.callbridge.idempotency;

/**
 * Remembers idempotency keys and the first response given for each. Implementations must
 * make {@link #claim} atomic: of many concurrent claims of one key, exactly one is granted.
 * The in-memory implementation serves one instance; several replicas need a shared store.
 */
public interface IdempotencyStore {

    /**
     * @param key         the scoped key (caller identity and the client's key)
     * @param fingerprint digest of the request (method, path, canonical body)
     */
    Claim claim(String key, String fingerprint);

    /** Records the final response of a granted claim. */
    void complete(String key, StoredResponse response);

    /** Forgets a granted claim whose request had no lasting effect, so it may run again. */
    void release(String key);
}
