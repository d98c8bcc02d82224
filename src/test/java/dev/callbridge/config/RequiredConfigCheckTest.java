package dev.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredConfigCheckTest {

    record Service(Optional<List<String>> apiKeys) implements ServiceConfig {
    }

    record Ultravox(Optional<String> apiKey, String baseUrl) implements UltravoxConfig {
    }

    record Twilio(Optional<String> accountSid, Optional<String> authToken, Optional<String> phoneNumber,
            String baseUrl, int maxConnections) implements TwilioConfig {
    }

    @Test
    void namesEveryMissingVariable() {
        RequiredConfigCheck check = new RequiredConfigCheck(new Service(Optional.empty()),
                new Ultravox(Optional.of(" "), "u"),
                new Twilio(Optional.empty(), Optional.of("t"), Optional.empty(), "b", 1));
        assertThat(check.missing()).containsExactly("CALLBRIDGE_API_KEYS", "ULTRAVOX_API_KEY",
                "TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER");
    }

    @Test
    void nothingMissingWhenAllSet() {
        RequiredConfigCheck check = new RequiredConfigCheck(new Service(Optional.of(List.of("k"))),
                new Ultravox(Optional.of("key"), "u"),
                new Twilio(Optional.of("AC1"), Optional.of("t"), Optional.of("+1"), "b", 1));
        assertThat(check.missing()).isEmpty();
    }
}
