package dev.callbridge.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Test
    void documentsInfoAndTheApiKeyScheme() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Callbridge API"))
                .body("info.description", notNullValue())
                .body("components.securitySchemes.apiKey.type", equalTo("apiKey"))
                .body("components.securitySchemes.apiKey.in", equalTo("header"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("components.schemas.Problem.properties", hasKey("requestId"))
                .body("components.schemas.Problem.properties", hasKey("errors"));
    }

    @Test
    void everyAgentOperationDocumentsItsProblemResponses() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/agents", "/api/v1/agents/{agentId}");

        assertOperation(doc, "/api/v1/agents", "post", "201", "400", "401", "422", "502", "504");
        assertOperation(doc, "/api/v1/agents", "get", "200", "400", "401", "502");
        assertOperation(doc, "/api/v1/agents/{agentId}", "get", "200", "401", "404", "502");
        assertOperation(doc, "/api/v1/agents/{agentId}", "patch", "200", "400", "404", "422");
        assertOperation(doc, "/api/v1/agents/{agentId}", "delete", "204", "401", "404");
    }

    @Test
    void everyCallOperationDocumentsItsProblemResponses() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
        assertOperation(doc, "/api/v1/agents/{agentId}/calls", "post", "201", "400", "401", "403", "404", "409",
                "422", "429", "502", "503", "504");
        assertOperation(doc, "/api/v1/calls/{callId}", "get", "200", "401", "404", "502", "504");
        assertOperation(doc, "/api/v1/calls/{callId}", "delete", "204", "401", "404", "502", "504");
    }

    private static void assertOperation(JsonPath doc, String path, String method, String... statuses) {
        String op = "paths['" + path + "']." + method;
        assertThat(doc.getList(op + ".security.apiKey")).as(op + " security").isNotNull();
        Map<String, Object> responses = doc.getMap(op + ".responses");
        assertThat(responses).as(op).containsKeys(statuses);
        for (String status : statuses) {
            if (status.startsWith("4") || status.startsWith("5")) {
                String ref = doc.getString(op + ".responses['" + status + "'].content['application/problem+json'].schema.$ref");
                assertThat(ref).as(op + " " + status).isEqualTo(PROBLEM_REF);
            }
        }
    }

    @Test
    void swaggerUiIsServedOutsideProduction() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        List<String> tags = given().accept("application/json").get("/q/openapi").then().extract().path("tags.name");
        assertThat(tags).contains("Agents", "Calls");
    }
}
