package dev.callbridge.resilience;

/** A vendor exception that can say what kind of failure it describes. */
public interface VendorFailure {

    /** How retries and the circuit breaker should treat this failure. */
    FailureKind failureKind();
}
