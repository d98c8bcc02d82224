package dev.callbridge.resilience;

/** The classes of vendor operations that share a timeout and a retry rule. */
public enum OperationKind {
    /** Creates something (a call, an agent) or changes it: repeated only when provably not applied. */
    CREATE,
    /** Reads: safe to repeat. */
    READ,
    /** Deletes and hang-ups: safe to repeat, and tried even while the breaker is open (clean-up). */
    DELETE
}
