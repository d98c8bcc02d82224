package dev.callbridge.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.RawHttp;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients, agent bodies: one request must not be able to make the work (or the
 * answer) scale with what it sends. A 980 KB body of 490,000 tool entries once produced
 * 490,000 field errors in a 63 MB answer and blocked the event loop for minutes.
 */
@QuarkusTest
@Tag("hostile")
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class HostileAgentBodiesTest {

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void aHugeToolListIsRefusedWithOneErrorBeforeAnythingScales() throws Exception {
        wireMock.resetAll();
        String zeros = "0," .repeat(490_000);
        String body = "{\"name\": \"bot\", \"callTemplate\": {\"systemPrompt\": \"x\", \"selectedTools\": ["
                + zeros.substring(0, zeros.length() - 1) + "]}}";
        assertThat(body.length()).isBetween(970_000, 1_000_000);

        // A generous client timeout: a liveness guard, not a speed measurement.
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://localhost:" + RawHttp.port() + "/api/v1/agents"))
                .timeout(Duration.ofSeconds(10))
                .header("X-API-Key", Api.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body().length()).isLessThan(2_000);
        JsonPath problem = JsonPath.from(answer.body());
        assertThat(problem.getList("errors")).hasSize(1);
        assertThat(problem.getString("errors[0].field")).isEqualTo("callTemplate.selectedTools");
        assertThat(problem.getString("errors[0].message")).contains("at most " + AgentRules.MAX_SELECTED_TOOLS);
        wireMock.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void fieldErrorListsAreCappedAndCounted() {
        java.util.List<dev.callbridge.http.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            errors.add(new dev.callbridge.http.FieldError("f" + i, "bad"));
        }
        ApiProblemException problem = ApiProblemException.validation(errors);
        assertThat(problem.fieldErrors()).hasSize(ApiProblemException.MAX_FIELD_ERRORS);
        assertThat(problem.detail()).contains("500 field errors").contains("first 50");
    }
}
