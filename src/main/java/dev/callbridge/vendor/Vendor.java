package dev.callbridge.vendor;

/**
 * The vendors Callbridge talks to: one name for each in metrics tags, readiness data,
 * configuration and log lines, so that no two places spell a vendor differently.
 */
public enum Vendor {

    ULTRAVOX("ultravox", "Ultravox"),
    TWILIO("twilio", "Twilio");

    private final String tag;
    private final String displayName;

    Vendor(String tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
    }

    /** The lower-case name used in metrics tags, readiness data and configuration keys. */
    public String tag() {
        return tag;
    }

    /** The vendor's own name, for messages to people. */
    public String displayName() {
        return displayName;
    }

    @Override
    public String toString() {
        return tag;
    }
}
