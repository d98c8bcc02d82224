package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignaturesTest {

    static final String URL = "https://example.com/myapp.php?foo=1&bar=2";
    static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310",
            "Digits", "1234", "From", "+14158675310", "To", "+18005551212");

    @Test
    void matchesTwiliosDocumentedExample() {
        assertThat(TwilioSignatures.sign("12345", URL, PARAMS)).isEqualTo("L/OH5YylLD5NRKLltdqwSvS0BnU=");
    }

    @Test
    void isAcceptedBySdkValidatorOnlyForTheSameTokenUrlAndParams() {
        String signature = TwilioSignatures.sign("secret", URL, PARAMS);
        assertThat(new RequestValidator("secret").validate(URL, PARAMS, signature)).isTrue();
        assertThat(new RequestValidator("other").validate(URL, PARAMS, signature)).isFalse();
        assertThat(new RequestValidator("secret").validate(URL + "&baz=3", PARAMS, signature)).isFalse();
        assertThat(new RequestValidator("secret").validate(URL, Map.of("To", "+18005551212"), signature)).isFalse();
    }
}
