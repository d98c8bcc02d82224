package dev.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredConfigCheckTest {

    @Test
    void namesEveryMissingSettingByItsEnvironmentVariable() {
        RequiredConfigCheck check = new RequiredConfigCheck(() -> Optional.of(List.of()),
                ultravox(Optional.of("")), twilio(Optional.empty(), Optional.of("token"), Optional.empty()));

        assertThat(check.missing()).containsExactly("CALLBRIDGE_API_KEYS", "ULTRAVOX_API_KEY",
                "TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER");
    }

    @Test
    void nothingMissingWhenEverythingIsSet() {
        RequiredConfigCheck check = new RequiredConfigCheck(() -> Optional.of(List.of("k")),
                ultravox(Optional.of("uv")), twilio(Optional.of("AC1"), Optional.of("t"), Optional.of("+14155550100")));

        assertThat(check.missing()).isEmpty();
    }

    @Test
    void requiredNamesCoverEverythingMissingCanReport() {
        RequiredConfigCheck nothingSet = new RequiredConfigCheck(Optional::empty, ultravox(Optional.empty()),
                twilio(Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(RequiredConfigCheck.requiredEnvVars()).containsExactlyElementsOf(nothingSet.missing());
    }

    private static UltravoxConfig ultravox(Optional<String> key) {
        return new UltravoxConfig() {
            public Optional<String> apiKey() {
                return key;
            }

            public String baseUrl() {
                return "http://127.0.0.1:9";
            }
        };
    }

    private static TwilioConfig twilio(Optional<String> sid, Optional<String> token, Optional<String> number) {
        return new TwilioConfig() {
            public Optional<String> accountSid() {
                return sid;
            }

            public Optional<String> authToken() {
                return token;
            }

            public Optional<String> phoneNumber() {
                return number;
            }

            public String baseUrl() {
                return "http://127.0.0.1:9";
            }

            public int maxConnections() {
                return 1;
            }
        };
    }
}
