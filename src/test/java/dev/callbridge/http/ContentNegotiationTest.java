package dev.callbridge.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A success is application/json whatever JSON type the Accept header prefers (generated clients
 * list application/problem+json, sometimes alone); an error is application/problem+json.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ContentNegotiationTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String UNKNOWN_AGENT = "/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/problem+json, application/json",
            "application/json", "*/*", "application/*", "application/problem+json;q=1.0, application/json;q=0.5",
            "application/vnd.callbridge+json"})
    void aSuccessIsJsonForAnyJsonAccept(String accept) {
        request(accept).get("/api/v1/agents").then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("results", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json", "*/*"})
    void anErrorIsAProblemForAnyJsonAccept(String accept) {
        request(accept).get(UNKNOWN_AGENT).then()
                .statusCode(404)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("status", equalTo(404))
                .body("requestId", notNullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json"})
    void aBodilessSuccessIsNotRefused(String accept) {
        String agentId = Api.api().body("""
                {"name": "negotiation", "callTemplate": {"systemPrompt": "Hello."}}""")
                .post("/api/v1/agents").then().statusCode(201).extract().path("agentId");
        request(accept).delete("/api/v1/agents/" + agentId).then().statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/html", "application/xml"})
    void aNonJsonAcceptIsStillNotAcceptable(String accept) {
        request(accept).get("/api/v1/agents").then()
                .statusCode(406)
                .contentType(startsWith(Problem.MEDIA_TYPE))
                .body("requestId", notNullValue());
    }

    private static RequestSpecification request(String accept) {
        return given().header(ApiKeyFilter.HEADER, Api.KEY).header("Accept", accept);
    }
}
