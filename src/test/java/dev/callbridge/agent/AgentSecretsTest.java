package dev.callbridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secrets never reach logs or responses, whether requests succeed or fail. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class AgentSecretsTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final List<String> SECRETS = List.of(WireMockVendors.ULTRAVOX_KEY, WireMockVendors.TWILIO_TOKEN,
            Api.KEY, "test-key-2");

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
    }

    @Test
    void noSecretInLogsOrResponses() {
        List<String> bodies = new ArrayList<>();
        try (LogCapture logs = LogCapture.install()) {
            wireMock.stubFor(post("/api/agents").willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody(AgentResourceTest.AGENT_JSON)));
            bodies.add(api().body("{\"name\": \"ok\", \"callTemplate\": {\"systemPrompt\": \"x\"}}")
                    .post("/api/v1/agents").asString());

            wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(401)
                    .withBody("{\"detail\": \"bad key " + WireMockVendors.ULTRAVOX_KEY + "\"}")));
            bodies.add(api().get("/api/v1/agents").asString());

            wireMock.stubFor(get(urlPathEqualTo("/api/agents/" + AgentResourceTest.AGENT_ID))
                    .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
            bodies.add(api().get("/api/v1/agents/" + AgentResourceTest.AGENT_ID).asString());

            wireMock.stubFor(get(urlPathEqualTo("/api/agents")).willReturn(aResponse().withStatus(500)
                    .withBody("internal " + WireMockVendors.ULTRAVOX_KEY)));
            bodies.add(api().get("/api/v1/agents").asString());

            bodies.add(given().header("X-API-Key", "test-key-2x").get("/api/v1/agents").asString());

            assertThat(logs.lines()).isNotEmpty();
            for (String secret : SECRETS) {
                assertThat(logs.text()).as("logs").doesNotContain(secret);
                assertThat(String.join("\n", bodies)).as("responses").doesNotContain(secret);
            }
        }
    }
}
