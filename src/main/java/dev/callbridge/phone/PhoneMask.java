package dev.callbridge.phone;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Masks phone numbers for logs: keeps the country code and the last four digits
 * ({@code +14155550123} becomes {@code +1******0123}), so a log line can be matched to a
 * call without exposing who was called.
 */
public final class PhoneMask {

    private static final int VISIBLE_TAIL = 4;
    private static final Pattern NON_DIGITS = Pattern.compile("\\D");
    private static final Set<Integer> CALLING_CODES = PhoneNumberUtil.getInstance().getSupportedCallingCodes();

    private PhoneMask() {
    }

    /** The masked form of any input; never returns the input's middle digits. */
    public static String mask(String number) {
        if (number == null || number.isBlank()) {
            return String.valueOf(number);
        }
        String digits = NON_DIGITS.matcher(number).replaceAll("");
        String country = countryCode(number, digits);
        String national = digits.startsWith(country) ? digits.substring(country.length()) : digits;
        if (national.length() <= VISIBLE_TAIL) {
            return (country.isEmpty() ? "" : "+" + country) + "*".repeat(national.length());
        }
        String tail = national.substring(national.length() - VISIBLE_TAIL);
        return (country.isEmpty() ? "" : "+" + country) + "*".repeat(national.length() - VISIBLE_TAIL) + tail;
    }

    /**
     * The country calling code of an international number, or "". Calling codes are prefix-free
     * (ITU E.164), so the first 1-3 digit prefix that libphonenumber knows is the one; cheaper
     * than a full parse, which matters on the per-call logging path.
     */
    private static String countryCode(String number, String digits) {
        if (!number.trim().startsWith("+")) {
            return "";
        }
        for (int length = 1; length <= Math.min(3, digits.length()); length++) {
            if (CALLING_CODES.contains(Integer.valueOf(digits.substring(0, length)))) {
                return digits.substring(0, length);
            }
        }
        return "";
    }
}
