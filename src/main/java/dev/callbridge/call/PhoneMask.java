package dev.callbridge.call;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Masks phone numbers for logs: keeps the country code and the last four digits
 * ({@code +14155550123} becomes {@code +1******0123}), so a log line can be matched to a
 * call without exposing who was called.
 */
public final class PhoneMask {

    private static final int VISIBLE_TAIL = 4;

    private PhoneMask() {
    }

    /** The masked form of any input; never returns the input's middle digits. */
    public static String mask(String number) {
        if (number == null || number.isBlank()) {
            return String.valueOf(number);
        }
        String digits = number.replaceAll("\\D", "");
        String country = countryCode(number);
        String national = digits.startsWith(country) ? digits.substring(country.length()) : digits;
        if (national.length() <= VISIBLE_TAIL) {
            return (country.isEmpty() ? "" : "+" + country) + "*".repeat(national.length());
        }
        String tail = national.substring(national.length() - VISIBLE_TAIL);
        return (country.isEmpty() ? "" : "+" + country) + "*".repeat(national.length() - VISIBLE_TAIL) + tail;
    }

    private static String countryCode(String number) {
        if (!number.trim().startsWith("+")) {
            return "";
        }
        try {
            PhoneNumber parsed = PhoneNumberUtil.getInstance().parse(number, "ZZ");
            return Integer.toString(parsed.getCountryCode());
        } catch (NumberParseException e) {
            return "";
        }
    }
}
