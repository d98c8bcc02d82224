package dev.callbridge.sandbox;

import java.util.Map;
import java.util.Optional;

/**
 * Destination numbers that make the simulated Twilio fail or behave in a given way, in the
 * spirit of Twilio's test credentials (the first four are Twilio's own magic numbers with
 * Twilio's codes). Any other valid E.164 number is a person who answers, talks for a few
 * simulated seconds and hangs up.
 */
public final class MagicNumbers {

    /** Refused with 400, code 21217 (phone number does not appear to be valid). */
    public static final String INVALID = "+15005550001";
    /** Refused with 400, code 21214 (cannot be reached). */
    public static final String UNROUTABLE = "+15005550002";
    /** Refused with 400, code 21215 (no international / geo permission). */
    public static final String NO_INTERNATIONAL_PERMISSION = "+15005550003";
    /** Refused with 400, code 21216 (blocked). */
    public static final String BLOCKED = "+15005550004";
    /** Rings, then ends {@code busy}. */
    public static final String BUSY = "+15005550005";
    /** Every other create request to it answers 500 (code 20500), starting with the first. */
    public static final String FAILS_ONCE = "+15005550007";
    /** Answers and stays on the line until hung up (or TimeLimit / the agent's maxDuration). */
    public static final String TALKS_UNTIL_HUNG_UP = "+15005550008";
    /** Rings until its Timeout and ends {@code no-answer}. */
    public static final String NEVER_ANSWERS = "+15005550009";
    /**
     * Answers as an answering machine: its greeting plays, then the beep, then it records until
     * hung up, or hangs up by itself when its recording time is over ({@link SimulatedCallee}).
     */
    public static final String ANSWERING_MACHINE = "+15005550010";
    /** Answers as a fax machine, which hangs up by itself a few simulated seconds later. */
    public static final String FAX = "+15005550011";
    /** {@code From} number Twilio refuses with code 21212 (invalid caller id). */
    public static final String INVALID_CALLER_ID = "+15005550001";

    /** How a destination behaves once the call is accepted. */
    enum Behaviour { ANSWERS, BUSY, NEVER_ANSWERS, TALKS_UNTIL_HUNG_UP, ANSWERING_MACHINE, FAX }

    /** A create request refused at once, as Twilio would. */
    record Rejection(int code, String message) {
    }

    private static final Map<String, Rejection> REJECTIONS = Map.of(
            INVALID, new Rejection(21217, "Phone number does not appear to be valid"),
            UNROUTABLE, new Rejection(21214, "'To' phone number cannot be reached"),
            NO_INTERNATIONAL_PERMISSION, new Rejection(21215, "Account not authorized to call " + NO_INTERNATIONAL_PERMISSION
                    + ". Perhaps you need to enable some international permissions: "
                    + "https://www.twilio.com/console/voice/calls/geo-permissions/low-risk"),
            BLOCKED, new Rejection(21216, "Call blocked by Twilio blocklist"));

    private MagicNumbers() {
    }

    static Optional<Rejection> rejection(String to) {
        return Optional.ofNullable(REJECTIONS.get(to));
    }

    static Behaviour behaviour(String to) {
        return switch (to) {
            case BUSY -> Behaviour.BUSY;
            case NEVER_ANSWERS -> Behaviour.NEVER_ANSWERS;
            case TALKS_UNTIL_HUNG_UP -> Behaviour.TALKS_UNTIL_HUNG_UP;
            case ANSWERING_MACHINE -> Behaviour.ANSWERING_MACHINE;
            case FAX -> Behaviour.FAX;
            default -> Behaviour.ANSWERS;
        };
    }
}
