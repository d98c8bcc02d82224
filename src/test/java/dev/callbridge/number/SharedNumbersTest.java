package dev.callbridge.number;

import static dev.callbridge.number.Numbers.AGENT_ID;
import static dev.callbridge.number.Numbers.OTHER_AGENT_ID;
import static dev.callbridge.number.Numbers.as;
import static dev.callbridge.number.Numbers.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.http.ApiKeyOwner;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Routes in PostgreSQL behind the API: the Twilio URLs shown with a public base URL, the route
 * limit over every key, and the lookup the voice webhook uses.
 */
@QuarkusTest
@TestProfile(SharedNumbersProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class SharedNumbersTest {

    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String OTHER_KEY = "test-key-2";
    private static final String PATH = "/api/v1/numbers/";

    @InjectWireMock
    WireMockServer wireMock;

    @Inject
    NumberRoutes routes;

    @BeforeEach
    void knownAgents() {
        wireMock.resetAll();
        Numbers.ultravoxKnows(wireMock, AGENT_ID);
        Numbers.ultravoxKnows(wireMock, OTHER_AGENT_ID);
    }

    @AfterEach
    void unroute() {
        Numbers.unrouteAll(Api.KEY);
        Numbers.unrouteAll(OTHER_KEY);
    }

    @Test
    void showsTheUrlsToConfigureInTwilio() {
        String voice = SharedNumbersProfile.PUBLIC_BASE_URL + "/webhooks/twilio/voice";
        String status = SharedNumbersProfile.PUBLIC_BASE_URL + "/webhooks/twilio/call-status";
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "+14155550100").then().statusCode(201)
                .body("voiceUrl", equalTo(voice)).body("statusCallbackUrl", equalTo(status));

        as(Api.KEY).get(PATH + "+14155550100").then().statusCode(200).body("voiceUrl", equalTo(voice));
        as(Api.KEY).get("/api/v1/numbers").then().statusCode(200)
                .body("results[0].statusCallbackUrl", equalTo(status));
    }

    @Test
    void theLimitCountsEveryKeysRoutesAndNeverBlocksAReplacement() {
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "+14155550101").then().statusCode(201);
        as(OTHER_KEY).body(body(AGENT_ID)).put(PATH + "+14155550102").then().statusCode(201);

        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "+14155550103").then().statusCode(422)
                .contentType("application/problem+json").body("type", containsString("number-route-limit"))
                .body("detail", containsString(SharedNumbersProfile.MAX_ROUTES + " numbers are routed"))
                .body("requestId", notNullValue());
        as(Api.KEY).body(body(OTHER_AGENT_ID)).put(PATH + "+14155550101").then().statusCode(200)
                .body("agentId", equalTo(OTHER_AGENT_ID));

        as(OTHER_KEY).delete(PATH + "+14155550102").then().statusCode(204);
        as(Api.KEY).body(body(AGENT_ID)).put(PATH + "+14155550103").then().statusCode(201);
    }

    @Test
    void theVoiceWebhooksLookupFindsAnyKeysRouteInTheDatabase() {
        as(OTHER_KEY).body("{\"agentId\": \"%s\", \"greeting\": \"Hello\", \"metadata\": {\"line\": \"support\"}}"
                .formatted(AGENT_ID)).put(PATH + "+14155550100").then().statusCode(201);

        Optional<NumberRoute> found = routes.find("+14155550100").await().indefinitely();

        assertThat(found).isPresent();
        assertThat(found.get().agentId()).isEqualTo(AGENT_ID);
        assertThat(found.get().greeting()).isEqualTo("Hello");
        assertThat(found.get().metadata()).containsEntry("line", "support");
        assertThat(found.get().owner()).isEqualTo(ApiKeyOwner.of(OTHER_KEY));
        assertThat(routes.find("+14155550199").await().indefinitely()).isEmpty();
    }
}
