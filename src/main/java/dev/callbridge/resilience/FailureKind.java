package dev.callbridge.resilience;

/**
 * What a failed vendor request means for retries and for the circuit breaker. Decided by
 * the vendor's own exception ({@link VendorFailure}), which knows what the vendor answered.
 */
public enum FailureKind {
    /** No connection could be made: the request provably never reached the vendor. */
    NOT_SENT,
    /** The vendor asked to slow down (429); its {@code Retry-After} says for how long. */
    RATE_LIMITED,
    /**
     * The vendor failed or did not answer in time (5xx, timeout, reset, unreadable answer).
     * For a create the request may still have taken effect.
     */
    TRANSIENT,
    /** The vendor answered and refused the request (4xx other than 429): the vendor is healthy. */
    CLIENT_ERROR;

    /** Whether the outcome counts against the vendor's circuit breaker. */
    public boolean countsAsVendorFailure() {
        return this != CLIENT_ERROR;
    }
}
