package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The suite's own rules: skip reasons, the destination number, which agents belong to this run. */
class TestCredentialsTest {

    @Test
    void skipReasonListsEveryMissingCredentialInOrder() {
        TestCredentials env = new TestCredentials(Map.of("TEST_TWILIO_AUTH_TOKEN", "token")::get);

        List<TestCredentials.Credential> missing = env.missing(List.of(TestCredentials.Credential.values()));

        assertThat(TestCredentials.skipReason(missing)).isEqualTo(
                "Missing required credentials: ultravox_api_key, twilio_account_sid, twilio_phone_number");
    }

    @Test
    void blankValuesCountAsMissing() {
        TestCredentials env = new TestCredentials(Map.of("TEST_ULTRAVOX_API_KEY", "  ")::get);

        assertThat(env.missing(TestCredentials.ULTRAVOX)).containsExactly(TestCredentials.Credential.ULTRAVOX_API_KEY);
    }

    @Test
    void defaultPhoneNumberIsRefusedByCallbridgeSoCallTestsSkip() {
        TestCredentials unset = new TestCredentials(Map.<String, String>of()::get);
        TestCredentials set = new TestCredentials(Map.of("TEST_PHONE_NUMBER", "+14155550123")::get);

        assertThat(unset.phoneNumber()).isEqualTo("+15551234567");
        assertThat(unset.phoneNumberProblem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("TEST_PHONE_NUMBER (default +15551234567) is not a valid number"));
        assertThat(set.phoneNumberProblem()).isEmpty();
    }

    @Test
    void baseUrlsDefaultToTheVendors() {
        TestCredentials env = new TestCredentials(Map.of("TEST_TWILIO_BASE_URL", "http://localhost:1/twilio")::get);

        assertThat(env.ultravoxBaseUrl()).isEqualTo("https://api.ultravox.ai");
        assertThat(env.twilioBaseUrl()).isEqualTo("http://localhost:1/twilio");
    }

    @Test
    void onlyAgentsWithASuitePrefixAndThisRunsSuffixAreLeftovers() {
        String run = CreatedResources.RUN;
        List<JsonNode> agents = List.of(agent("Integration_Test_" + run + "_1"), agent("E2E_Test_" + run + "_7"),
                agent("Integration_Test_19990101000000_abcd_1"), agent("appointment_reminder_" + run + "_1"),
                agent("E2E_Test_" + run + "x_1"));

        assertThat(CreatedResources.ofThisRun(agents)).extracting(a -> a.path("name").asText())
                .containsExactly("Integration_Test_" + run + "_1", "E2E_Test_" + run + "_7");
    }

    private static JsonNode agent(String name) {
        return JsonNodeFactory.instance.objectNode().put("agentId", "id-" + name).put("name", name);
    }
}
