package dev.callbridge.inbound;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.phone.PhoneMask;
import dev.callbridge.phone.PhoneNumbers;
import java.util.Map;
import java.util.Optional;

/**
 * What Twilio's voice webhook says about a call coming in: its SID, who calls, which number, and
 * where Twilio places both ends when it knows. Read from a form whose signature was checked.
 *
 * @param from   the caller as Twilio names it: E.164 when the number is known, else Twilio's word
 *               for it (e.g. {@code anonymous})
 * @param caller where the caller is: Twilio's {@code FromCity}, {@code FromState}, {@code FromZip},
 *               {@code FromCountry} and {@code CallerName}, empty strings when not sent
 * @param called where the called number is: {@code ToCity}, {@code ToState}, {@code ToZip}, {@code ToCountry}
 */
public record InboundCall(String callSid, String to, String from, Location caller, Location called) {

    /** Longest SID kept: Twilio's are 34 characters. */
    private static final int MAX_SID = 64;
    /** Longest caller name or place kept, in characters. */
    static final int MAX_TEXT = 100;

    /** One end of the call, as Twilio locates it; every value is a string, empty when unknown. */
    public record Location(String name, String city, String state, String zip, String country) {
    }

    /** Reads the webhook's fields; a call without {@code CallSid} or {@code To} is a 400. */
    public static InboundCall from(Map<String, String> form) {
        String sid = form.getOrDefault("CallSid", "");
        if (sid.isEmpty() || sid.length() > MAX_SID || !sid.matches("[A-Za-z0-9]+")) {
            throw malformed("CallSid is required: at most " + MAX_SID + " letters and digits.");
        }
        String to = form.getOrDefault("To", "");
        if (to.isBlank()) {
            throw malformed("To is required.");
        }
        return new InboundCall(sid, text(to, 64), text(form.getOrDefault("From", ""), 64),
                new Location(text(form.get("CallerName"), MAX_TEXT), text(form.get("FromCity"), MAX_TEXT),
                        text(form.get("FromState"), MAX_TEXT), text(form.get("FromZip"), MAX_TEXT),
                        text(form.get("FromCountry"), MAX_TEXT)),
                new Location("", text(form.get("ToCity"), MAX_TEXT), text(form.get("ToState"), MAX_TEXT),
                        text(form.get("ToZip"), MAX_TEXT), text(form.get("ToCountry"), MAX_TEXT)));
    }

    /** The called number in E.164, the key of its route; empty when it is not a phone number (a SIP address). */
    public Optional<String> calledNumber() {
        try {
            return Optional.of(PhoneNumbers.toE164(to));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            return Optional.empty();
        }
    }

    /** The caller in E.164 when it is a phone number, else as Twilio named it. */
    public String callerNumber() {
        try {
            return PhoneNumbers.toE164(from);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            return from;
        }
    }

    private static String text(String value, int max) {
        if (value == null) {
            return "";
        }
        String trimmed = value.strip();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }

    private static ApiProblemException malformed(String detail) {
        return new ApiProblemException(400, "invalid-callback", "Invalid Callback", detail);
    }

    @Override
    public String toString() {
        return "InboundCall[callSid=" + callSid + ", to=" + PhoneMask.mask(to) + ", from=" + PhoneMask.mask(from) + "]";
    }
}
