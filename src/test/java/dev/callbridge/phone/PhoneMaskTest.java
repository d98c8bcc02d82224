package dev.callbridge.phone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneMaskTest {

    @ParameterizedTest
    @CsvSource({
            "+14155550123,  +1******0123",
            "+442079460958, +44******0958",
            "+919876543210, +91******3210",
            "4155550123,    ******0123",
            "+1234,         +1***",
            "'',            ''"})
    void keepsCountryCodeAndLastFourDigits(String input, String masked) {
        assertThat(PhoneMask.mask(input)).isEqualTo(masked);
    }

    @org.junit.jupiter.api.Test
    void nullStaysReadable() {
        assertThat(PhoneMask.mask(null)).isEqualTo("null");
    }
}
