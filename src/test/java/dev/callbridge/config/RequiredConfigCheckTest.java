package dev.callbridge.config;

import static dev.callbridge.testing.TestConfigs.service;
import static dev.callbridge.testing.TestConfigs.twilio;
import static dev.callbridge.testing.TestConfigs.ultravox;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequiredConfigCheckTest {

    @Test
    void namesEveryMissingSettingByItsEnvironmentVariable() {
        RequiredConfigCheck check = new RequiredConfigCheck(service(Optional.of(List.of())),
                ultravox(Optional.of("")), twilio(Optional.empty(), Optional.of("token"), Optional.empty()));

        assertThat(check.missing()).containsExactly("CALLBRIDGE_API_KEYS", "ULTRAVOX_API_KEY",
                "TWILIO_ACCOUNT_SID", "TWILIO_PHONE_NUMBER");
    }

    @Test
    void nothingMissingWhenEverythingIsSet() {
        RequiredConfigCheck check = new RequiredConfigCheck(service(Optional.of(List.of("k"))),
                ultravox(Optional.of("uv")), twilio(Optional.of("AC1"), Optional.of("t"), Optional.of("+14155550100")));

        assertThat(check.missing()).isEmpty();
    }

    @Test
    void requiredNamesCoverEverythingMissingCanReport() {
        RequiredConfigCheck nothingSet = new RequiredConfigCheck(service(Optional.empty()), ultravox(Optional.empty()),
                twilio(Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(RequiredConfigCheck.requiredEnvVars()).containsExactlyElementsOf(nothingSet.missing());
    }

}
