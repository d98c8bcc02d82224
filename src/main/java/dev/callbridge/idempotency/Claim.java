package dev.callbridge.idempotency;

/** What the store says when a request presents an idempotency key. */
public sealed interface Claim {

    /** The key is new: the caller runs the request and must complete or release the key. */
    record Granted() implements Claim {
    }

    /** The same request finished before: replay its response. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The same key is held by a request that is still running. */
    record InFlight() implements Claim {
    }

    /** The key was used before with a different request. */
    record Mismatch() implements Claim {
    }
}
