package dev.callbridge.integration;

/**
 * The JUnit tags of the integration suite. {@code ultravox} and {@code twilio} say which
 * credentials a test needs ({@link CredentialsCondition} reads them), {@code e2e} marks the
 * full call flow, {@code inbound} the calls callers make to routed numbers, and {@code slow}
 * the tests that take more than a few seconds against real services.
 */
public final class SuiteTags {

    /** Needs Ultravox credentials. */
    public static final String ULTRAVOX = "ultravox";
    /** Needs Twilio credentials. */
    public static final String TWILIO = "twilio";
    /** The full flow: agent, join URL, phone call. */
    public static final String E2E = "e2e";
    /** Inbound calls: number routes and the calls to them. */
    public static final String INBOUND = "inbound";
    /** Takes more than a few seconds. */
    public static final String SLOW = "slow";

    private SuiteTags() {
    }
}
