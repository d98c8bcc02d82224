package dev.callbridge.call;

import java.util.Locale;
import java.util.Set;

/**
 * Who answered a call, as Callbridge acts on Twilio's {@code AnsweredBy}: its seven values fall in
 * four classes. {@code machine_start} comes from Twilio's {@code Enable} detection, which a
 * {@code hang-up} placement asks for: a machine, recognised before its greeting ended. A value Twilio may add
 * later is {@link #UNKNOWN}: recorded as sent, acted on as if detection had not decided.
 */
public enum AnsweredBy {
    /** {@code human}. */
    HUMAN,
    /** {@code machine_start}, {@code machine_end_beep}, {@code machine_end_silence}, {@code machine_end_other}. */
    MACHINE,
    /** {@code fax}. */
    FAX,
    /** {@code unknown}: detection could not tell, or a value Callbridge does not know. */
    UNKNOWN;

    /** Every value Twilio's asynchronous detection documents. */
    public static final Set<String> TWILIO_VALUES = Set.of("human", "machine_start", "machine_end_beep",
            "machine_end_silence", "machine_end_other", "fax", "unknown");

    /** The class of Twilio's {@code AnsweredBy} value. */
    public static AnsweredBy of(String twilioValue) {
        if (twilioValue == null) {
            return UNKNOWN;
        }
        if (twilioValue.startsWith("machine_") && TWILIO_VALUES.contains(twilioValue)) {
            return MACHINE;
        }
        return switch (twilioValue) {
            case "human" -> HUMAN;
            case "fax" -> FAX;
            default -> UNKNOWN;
        };
    }

    /** The metric tag: the name in lower case. */
    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
