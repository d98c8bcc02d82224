package dev.callbridge.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "US,      +14155550123,        +14155550123",
            "US formatted, '+1 (415) 555-0123', +14155550123",
            "UK landline, +44 20 7946 0958,  +442079460958",
            "UK mobile, +447911123456,       +447911123456",
            "DE landline, +49 30 901820,     +4930901820",
            "DE mobile, +49 151 23456789,    +4915123456789",
            "IN mobile, +91 98765 43210,     +919876543210",
            "JP landline, +81 3-1234-5678,   +81312345678",
            "JP mobile, +81 90-1234-5678,    +819012345678",
            "dots,    +1.415.555.0123,       +14155550123"})
    void normalisesInternationalNumbersToE164(String country, String input, String e164) {
        assertThat(PhoneNumbers.toE164(input)).isEqualTo(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4155550123", "(415) 555-0123", "020 7946 0958", "030 901820", "09876543210",
            "03-1234-5678", "0014155550123"})
    void rejectsNationalFormatsWithoutPlus(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessageContaining("international format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1-800-FLOWERS", "+1415555O123", "+14155550123 ext 5", "++14155550123",
            "+1415555012३"})
    void rejectsLettersAndOtherCharacters(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessageContaining("only");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void rejectsEmpty(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessage("is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1415555", "+4412", "+1"})
    void rejectsTooShort(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessageContaining("too short");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+19005550123", "+448712345678", "+19007654321"})
    void rejectsPremiumRate(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessageContaining("premium-rate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+447700900123", "+441632960123", "+49900123456", "+11235550123"})
    void rejectsUnassignedRanges(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input))
                .isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class).hasMessageContaining("assigned range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999123456", "+0123456789"})
    void rejectsUnknownCountryCodes(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input)).isInstanceOf(PhoneNumbers.InvalidPhoneNumber.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1415555", "+19005550123", "4155550123", "+447700900123"})
    void messagesNeverRepeatTheNumber(String input) {
        assertThatThrownBy(() -> PhoneNumbers.toE164(input)).message()
                .doesNotContain(input).doesNotContain(input.replace("+", ""));
    }
}
