package dev.callbridge.health;

/**
 * The answer of one vendor check.
 *
 * @param reachable whether the vendor answered successfully with the configured credentials
 * @param status    the HTTP status the vendor answered, or null when it did not answer
 * @param code      a short error code (the vendor's own when it sent one), null on success
 * @param detail    a human-readable explanation free of secrets, null on success
 */
public record ProbeOutcome(boolean reachable, Integer status, String code, String detail) {

    static final String MISSING_CONFIGURATION = "missing-configuration";

    /** The vendor answered successfully. */
    public static ProbeOutcome ok() {
        return new ProbeOutcome(true, null, null, null);
    }

    /** The vendor was not reachable or refused the credentials. */
    public static ProbeOutcome failed(Integer status, String code, String detail) {
        return new ProbeOutcome(false, status, code, detail);
    }

    /**
     * Whether the vendor refused Callbridge's credentials (401 or 403), or none are configured:
     * a fault of this deployment, not of the vendor, that waiting will not cure.
     */
    public boolean credentialsRefused() {
        return !reachable && (MISSING_CONFIGURATION.equals(code)
                || (status != null && (status == 401 || status == 403)));
    }

    /** The vendor cannot be checked because settings are missing; names their variables. */
    public static ProbeOutcome missing(java.util.List<String> envVars) {
        return failed(null, MISSING_CONFIGURATION, "Set " + String.join(", ", envVars) + ".");
    }
}
