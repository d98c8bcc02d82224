package dev.callbridge.sandbox;

/**
 * The fixed, public credentials of the sandbox. They are not secrets: they open nothing but
 * the simulator on this instance, and no real vendor accepts them.
 */
public final class SandboxCredentials {

    /** Ultravox key in the vendor's format (8 characters, a dot, 32 characters). */
    public static final String ULTRAVOX_API_KEY = "sandbox0.notARealKeyOnlyValidInTheSandbox";
    /** Twilio Account SID: {@code AC} and 32 hex digits. */
    public static final String TWILIO_ACCOUNT_SID = "AC5a4db0c0000000000000000000000000";
    /** Twilio auth token; also the key that signs simulated status callbacks. */
    public static final String TWILIO_AUTH_TOKEN = "sandbox-auth-token-not-a-secret";
    /** Caller id of simulated calls: Twilio's magic "valid From" test number. */
    public static final String TWILIO_PHONE_NUMBER = "+15005550006";

    private SandboxCredentials() {
    }
}
