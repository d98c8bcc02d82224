package dev.callbridge.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.regex.Pattern;

/**
 * Phone number checks with libphonenumber: a number must be written internationally (with
 * {@code +} and country code), be valid in an assigned range, and not be premium rate. The
 * result is the E.164 form Twilio expects. Messages never repeat the number, so they are
 * safe in logs and responses.
 */
public final class PhoneNumbers {

    /** Digits with the separators people write: spaces, dots, hyphens and parentheses. */
    private static final Pattern WRITTEN = Pattern.compile("\\+[0-9 .()\\-]+");
    private static final int MAX_INPUT_CHARS = 32;
    /** Fewer digits than this cannot be a country code and a subscriber number. */
    private static final int MIN_DIGITS = 4;
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** Why a number was refused; the message is phrased for a field error. */
    public static final class InvalidPhoneNumber extends IllegalArgumentException {
        InvalidPhoneNumber(String message) {
            super(message, null);
        }
    }

    /**
     * The E.164 form of {@code input}.
     *
     * @throws InvalidPhoneNumber saying why the number cannot be called
     */
    public static String toE164(String input) {
        String written = input == null ? "" : input.strip();
        if (written.isEmpty()) {
            throw new InvalidPhoneNumber("is required");
        }
        if (!written.startsWith("+")) {
            throw new InvalidPhoneNumber("must be in international format: '+', country code, number (E.164)");
        }
        if (written.length() > MAX_INPUT_CHARS || !WRITTEN.matcher(written).matches()) {
            throw new InvalidPhoneNumber("may contain only '+' followed by digits (spaces, '-', '.', '(' and ')' are ignored)");
        }
        if (written.chars().filter(Character::isDigit).count() < MIN_DIGITS) {
            throw new InvalidPhoneNumber("is too short");
        }
        PhoneNumber number = parse(written);
        checkCallable(number);
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    private static PhoneNumber parse(String written) {
        try {
            return UTIL.parse(written, "ZZ");
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber(switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "has an unknown country code";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "is too short";
                case TOO_LONG -> "is too long";
                default -> "is not a phone number";
            });
        }
    }

    private static void checkCallable(PhoneNumber number) {
        switch (UTIL.isPossibleNumberWithReason(number)) {
            case TOO_SHORT -> throw new InvalidPhoneNumber("is too short");
            case TOO_LONG -> throw new InvalidPhoneNumber("is too long");
            case INVALID_COUNTRY_CODE -> throw new InvalidPhoneNumber("has an unknown country code");
            default -> {
                // possible length: check the range next
            }
        }
        // One lookup answers both questions: libphonenumber's isValidNumber is "the type is not
        // UNKNOWN", and each of the two calls searches every region of the calling code (25
        // for +1) by regular expression.
        PhoneNumberType type = UTIL.getNumberType(number);
        if (type == PhoneNumberType.UNKNOWN) {
            throw new InvalidPhoneNumber("is not a valid number: it is not in an assigned range of its country");
        }
        if (type == PhoneNumberType.PREMIUM_RATE) {
            throw new InvalidPhoneNumber("is a premium-rate number, which Callbridge does not call");
        }
    }
}
