package dev.callbridge.sandbox;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/** E.164 checks and Twilio's {@code *_formatted} rendering, through libphonenumber. */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /** True for a possible number written exactly in E.164 ({@code +} and up to 15 digits). */
    static boolean isE164(String number) {
        return parsed(number).filter(UTIL::isPossibleNumber)
                .map(p -> UTIL.format(p, PhoneNumberUtil.PhoneNumberFormat.E164).equals(number))
                .orElse(false);
    }

    /** The national format Twilio shows in {@code to_formatted}, e.g. {@code (500) 555-0006}. */
    static String formatted(String number) {
        return parsed(number).map(p -> UTIL.format(p, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)).orElse(number);
    }

    /**
     * The ISO 3166 region of a number ({@code GB} for {@code +44 20…}), or null when it has none
     * (a non-geographic number). A number libphonenumber cannot place in one region (such as a
     * fictional 555 number) gets its country code's main region ({@code US} for {@code +1}).
     */
    static String region(String number) {
        return parsed(number).map(p -> Optional.ofNullable(UTIL.getRegionCodeForNumber(p))
                        .orElseGet(() -> UTIL.getRegionCodeForCountryCode(p.getCountryCode())))
                .filter(region -> !region.equals(PhoneNumberUtil.REGION_CODE_FOR_NON_GEO_ENTITY)
                        && !region.equals("ZZ"))
                .orElse(null);
    }

    private static Optional<PhoneNumber> parsed(String number) {
        if (number == null || !number.startsWith("+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(UTIL.parse(number, null));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
