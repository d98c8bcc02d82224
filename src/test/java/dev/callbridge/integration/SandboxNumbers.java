package dev.callbridge.integration;

import dev.callbridge.sandbox.MagicNumbers;

/**
 * The sandbox's documented magic numbers the suite uses. A destination among them is dialled
 * only in sandbox mode (each such test first assumes {@link IntegrationTarget#sandbox()}).
 */
final class SandboxNumbers {

    /** Answers and stays on the line until hung up. */
    static final String TALKS_UNTIL_HUNG_UP = MagicNumbers.TALKS_UNTIL_HUNG_UP;
    /** Twilio refuses it as not a valid phone number (code 21217). */
    static final String TWILIO_REFUSES = MagicNumbers.INVALID;
    /**
     * As {@code From}: the sandbox refuses it as an invalid caller id (code 21212), like Twilio's
     * own test credentials; a live Twilio account refuses it as not its number (21210). Never
     * dialled: it is the caller id, and the destination stays the suite's number.
     */
    static final String INVALID_CALLER_ID = MagicNumbers.INVALID_CALLER_ID;

    private SandboxNumbers() {
    }
}
