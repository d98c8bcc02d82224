package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a user with a wrong Ultravox key or Twilio token sees. Both vendors refuse the launched
 * application's credentials here ({@link WrongCredentialsProfile}): the sandbox through its
 * {@code reject-credentials} setting, real services because the profile sends wrong values.
 *
 * <p>Nothing can be created with refused credentials, so this class needs no cleanup. Since a
 * call reaches Ultravox before Twilio, a refused Twilio token shows where Callbridge reports it
 * before any call: the readiness probe.
 */
@QuarkusIntegrationTest
@TestProfile(WrongCredentialsProfile.class)
@RequiresCredentials
class WrongCredentialsIT {

    private final CallbridgeApi api = CallbridgeApi.local();

    @Test
    @Tag(SuiteTags.ULTRAVOX)
    void wrongUltravoxKeyIsReportedAsRejectedCredentials() {
        Reply create = api.createAgent(CreatedResources.INTEGRATION_PREFIX + CreatedResources.RUN + "_refused",
                Fixtures.callTemplate());
        Reply list = api.get("/api/v1/agents");

        for (Reply reply : new Reply[] {create, list}) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(502);
            assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(reply.field("type")).isEqualTo("https://callbridge.dev/problems/upstream-credentials");
            assertThat(reply.field("detail")).isEqualTo("Ultravox rejected Callbridge's credentials; check ULTRAVOX_API_KEY.");
            assertThat(reply.text()).doesNotContain(TargetConfiguration.WRONG_ULTRAVOX_KEY)
                    .doesNotContain(TargetConfiguration.WRONG_TWILIO_TOKEN);
        }
    }

    @Test
    @Tag(SuiteTags.TWILIO)
    void wrongTwilioTokenIsReportedByReadiness() {
        JsonNode twilio = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> check(api.getWithoutKey("/q/health/ready").json(), "twilio"),
                        c -> c.at("/data/lastErrorStatus").isNumber());

        assertThat(twilio.path("status").asText()).isEqualTo("DOWN");
        assertThat(twilio.at("/data/lastErrorStatus").asInt()).isEqualTo(401);
        assertThat(twilio.at("/data/lastErrorCode").asText()).isEqualTo("20003");
        assertThat(twilio.at("/data/detail").asText())
                .isEqualTo("Twilio refused the configured account SID and auth token (status 401).");
        assertThat(twilio.toString()).doesNotContain(TargetConfiguration.WRONG_TWILIO_TOKEN);
    }

    private static JsonNode check(JsonNode health, String name) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst()
                .orElse(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
}
