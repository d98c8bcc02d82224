package dev.callbridge.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What /q/openapi promises a client: operations, responses, headers and schemas. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class OpenApiTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    private static final String RESPONSE_REFS = "#/components/responses/";
    private static final List<String> METHODS = List.of("get", "post", "patch", "put", "delete");

    private JsonPath doc;

    @BeforeEach
    void fetch() {
        doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documentsInfoServersAndTheApiKeyScheme() {
        given().accept("application/json").get("/q/openapi").then()
                .statusCode(200)
                .body("info.title", equalTo("Callbridge API"))
                .body("info.description", notNullValue())
                .body("info.license.name", notNullValue())
                .body("servers[0].url", equalTo("http://localhost:8080"))
                .body("servers[0].description", notNullValue())
                .body("components.securitySchemes.apiKey.type", equalTo("apiKey"))
                .body("components.securitySchemes.apiKey.in", equalTo("header"))
                .body("components.securitySchemes.apiKey.name", equalTo("X-API-Key"))
                .body("components.schemas.Problem.properties", hasKey("requestId"))
                .body("components.schemas.Problem.properties", hasKey("errors"));
    }

    @Test
    void everyOperationHasItsOperationId() {
        assertThat(operationId("/api/v1/agents", "post")).isEqualTo("createAgent");
        assertThat(operationId("/api/v1/agents", "get")).isEqualTo("listAgents");
        assertThat(operationId("/api/v1/agents/{agentId}", "get")).isEqualTo("getAgent");
        assertThat(operationId("/api/v1/agents/{agentId}", "patch")).isEqualTo("updateAgent");
        assertThat(operationId("/api/v1/agents/{agentId}", "delete")).isEqualTo("deleteAgent");
        assertThat(operationId("/api/v1/agents/{agentId}/calls", "post")).isEqualTo("placeCall");
        assertThat(operationId("/api/v1/calls", "get")).isEqualTo("listCalls");
        assertThat(operationId("/api/v1/calls/{callId}", "get")).isEqualTo("getCall");
        assertThat(operationId("/api/v1/calls/{callId}", "delete")).isEqualTo("hangUpCall");
        assertThat(operationId("/api/v1/webhooks", "post")).isEqualTo("createWebhook");
        assertThat(operationId("/api/v1/webhooks", "get")).isEqualTo("listWebhooks");
        assertThat(operationId("/api/v1/webhooks/{webhookId}", "get")).isEqualTo("getWebhook");
        assertThat(operationId("/api/v1/webhooks/{webhookId}", "delete")).isEqualTo("deleteWebhook");
        assertThat(operationId("/api/v1/webhooks/{webhookId}/deliveries", "get")).isEqualTo("listWebhookDeliveries");
        assertThat(operationId("/api/v1/numbers", "get")).isEqualTo("listNumbers");
        assertThat(operationId("/api/v1/numbers/{number}", "put")).isEqualTo("routeNumber");
        assertThat(operationId("/api/v1/numbers/{number}", "get")).isEqualTo("getNumber");
        assertThat(operationId("/api/v1/numbers/{number}", "delete")).isEqualTo("unrouteNumber");
        assertThat(operationId("/api/v1/do-not-call", "get")).isEqualTo("listDoNotCall");
        assertThat(operationId("/api/v1/do-not-call/{number}", "put")).isEqualTo("addDoNotCall");
        assertThat(operationId("/api/v1/do-not-call/{number}", "get")).isEqualTo("getDoNotCall");
        assertThat(operationId("/api/v1/do-not-call/{number}", "delete")).isEqualTo("removeDoNotCall");
        assertThat(operations()).hasSize(22);
    }

    @Test
    void everyAgentOperationDocumentsItsProblemResponses() {
        assertOperation("/api/v1/agents", "post", "201", "400", "401", "409", "413", "415", "422", "429", "500",
                "502", "503", "504");
        assertOperation("/api/v1/agents", "get", "200", "400", "401", "429", "502", "503", "504");
        assertOperation("/api/v1/agents/{agentId}", "get", "200", "400", "401", "404", "502");
        assertOperation("/api/v1/agents/{agentId}", "patch", "200", "400", "404", "413", "415", "422");
        assertOperation("/api/v1/agents/{agentId}", "delete", "204", "400", "401", "404");
    }

    @Test
    void everyCallOperationDocumentsItsProblemResponses() {
        assertOperation("/api/v1/agents/{agentId}/calls", "post", "201", "400", "401", "403", "404", "409",
                "413", "415", "422", "429", "500", "502", "503", "504");
        assertOperation("/api/v1/calls", "get", "200", "400", "401", "429", "500", "503");
        assertOperation("/api/v1/calls/{callId}", "get", "200", "401", "404", "502", "504");
        assertOperation("/api/v1/calls/{callId}", "delete", "204", "401", "404", "502", "504");
    }

    @Test
    void everyDoNotCallOperationDocumentsItsProblemResponses() {
        assertOperation("/api/v1/do-not-call", "get", "200", "400", "401", "429", "500", "503");
        assertOperation("/api/v1/do-not-call/{number}", "put", "200", "201", "400", "401", "422", "429", "500", "503");
        assertOperation("/api/v1/do-not-call/{number}", "get", "200", "400", "401", "404");
        assertOperation("/api/v1/do-not-call/{number}", "delete", "204", "400", "401", "404");
    }

    @Test
    void everyNumberOperationDocumentsItsProblemResponses() {
        assertOperation("/api/v1/numbers/{number}", "put", "200", "201", "400", "401", "409", "413", "415", "422",
                "429", "500", "502", "503", "504");
        assertOperation("/api/v1/numbers", "get", "200", "400", "401", "429", "500", "503");
        assertOperation("/api/v1/numbers/{number}", "get", "200", "400", "401", "404", "500");
        assertOperation("/api/v1/numbers/{number}", "delete", "204", "400", "401", "404", "500");
    }

    @Test
    void problemResponsesAreDeclaredOnceAndReferred() {
        for (String op : operations()) {
            Map<String, Map<String, Object>> responses = doc.getMap(op + ".responses");
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response).as(op + " " + status).containsOnlyKeys("$ref");
                }
            });
        }
        Map<String, Object> shared = doc.getMap("components.responses");
        assertThat(shared).containsKeys("BadRequest", "Unauthorized", "Forbidden", "NotFound", "Conflict",
                "PayloadTooLarge", "UnsupportedMediaType", "Unprocessable", "TooManyRequests", "InternalError",
                "BadGateway", "ServiceUnavailable", "GatewayTimeout");
    }

    @Test
    void successesAreApplicationJsonOnly() {
        for (String op : operations()) {
            Map<String, Map<String, Object>> responses = doc.getMap(op + ".responses");
            responses.forEach((status, response) -> {
                if (status.startsWith("2") && response.containsKey("content")) {
                    Map<String, Object> content = doc.getMap(op + ".responses['" + status + "'].content");
                    assertThat(content).as(op + " " + status).containsOnlyKeys("application/json");
                }
            });
        }
    }

    @Test
    void theApiKeyIsTheSecuritySchemeNotAParameter() {
        for (String op : operations()) {
            assertThat(doc.getList(op + ".security.apiKey")).as(op + " security").isNotNull();
            List<String> parameters = doc.getList(op + ".parameters.name");
            assertThat(parameters == null ? List.of() : parameters).as(op).doesNotContain("X-API-Key");
        }
        assertThat(doc.getList(op("/api/v1/agents", "post") + ".parameters.name")).contains("Idempotency-Key");
    }

    @Test
    void everyResponseHeaderHasASchema() {
        Map<String, Map<String, Object>> headers = doc.getMap("components.headers");
        assertThat(headers).containsOnlyKeys("X-Request-Id", "Location", "Retry-After", "Idempotent-Replayed");
        assertThat(doc.getString("components.headers['X-Request-Id'].schema.type")).isEqualTo("string");
        assertThat(doc.getString("components.headers.Location.schema.format")).isEqualTo("uri");
        assertThat(doc.getString("components.headers['Retry-After'].schema.type")).isEqualTo("integer");
        assertThat(doc.getString("components.headers['Idempotent-Replayed'].schema.type")).isEqualTo("string");
        for (String op : List.of(op("/api/v1/agents", "post"), op("/api/v1/agents/{agentId}/calls", "post"))) {
            assertThat(doc.getString(op + ".responses['201'].headers.Location.$ref"))
                    .isEqualTo("#/components/headers/Location");
            assertThat(doc.getString(op + ".responses['201'].headers['Idempotent-Replayed'].$ref"))
                    .isEqualTo("#/components/headers/Idempotent-Replayed");
        }
        for (String name : List.of("Conflict", "TooManyRequests", "ServiceUnavailable")) {
            assertThat(doc.getString("components.responses." + name + ".headers['Retry-After'].$ref"))
                    .as(name).isEqualTo("#/components/headers/Retry-After");
        }
        assertEveryHeaderReferred();
    }

    @Test
    void requiredFieldsAreMarked() {
        assertThat(doc.getList("components.schemas.PlaceCallRequest.required")).containsExactly("to");
        assertThat(doc.getList("components.schemas.CreateAgentRequest.required"))
                .containsExactlyInAnyOrder("name", "callTemplate");
        assertThat(doc.getList("components.schemas.UpdateAgentRequest.required")).isNull();
        assertThat(doc.getList("components.schemas.Agent.required")).contains("agentId", "name", "callTemplate");
        assertThat(doc.getList("components.schemas.Problem.required")).contains("type", "status", "requestId");
        assertThat(doc.getBoolean(op("/api/v1/agents/{agentId}/calls", "post") + ".requestBody.required")).isTrue();
    }

    @Test
    void jsonTreesArePublishedAsObjects() {
        for (String property : List.of("Agent.properties.callTemplate", "CreateAgentRequest.properties.callTemplate",
                "UpdateAgentRequest.properties.callTemplate", "PlaceCallRequest.properties.templateContext")) {
            String schema = "components.schemas." + property;
            assertThat(doc.getString(schema + ".type")).as(property).isEqualTo("object");
            assertThat(doc.getBoolean(schema + ".additionalProperties")).as(property).isTrue();
            assertThat(doc.getString(schema + ".$ref")).as(property).isNull();
        }
        assertThat(doc.getList("components.schemas.Agent.properties.statistics.type"))
                .containsExactlyInAnyOrder("object", "null");
        assertThat(doc.getString("components.schemas.PlaceCallRequest.properties.metadata.type")).isEqualTo("object");
        assertThat(doc.getString("components.schemas.PlaceCallRequest.properties.metadata.additionalProperties.type"))
                .isEqualTo("string");
        assertThat(doc.getMap("components.schemas")).doesNotContainKeys("JsonNode", "ObjectNode", "JsonNodeType");
    }

    @Test
    void swaggerUiIsServedOutsideProduction() {
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        List<String> tags = given().accept("application/json").get("/q/openapi").then().extract().path("tags.name");
        assertThat(tags).contains("Agents", "Calls");
    }

    private void assertOperation(String path, String method, String... statuses) {
        String op = op(path, method);
        Map<String, Object> responses = doc.getMap(op + ".responses");
        assertThat(responses).as(op).containsKeys(statuses);
        for (String status : statuses) {
            String response = op + ".responses['" + status + "']";
            if (status.startsWith("4") || status.startsWith("5")) {
                String ref = doc.getString(response + ".$ref");
                assertThat(ref).as(op + " " + status).startsWith(RESPONSE_REFS);
                String shared = "components.responses." + ref.substring(RESPONSE_REFS.length());
                assertThat(doc.getMap(shared + ".content")).as(ref).containsOnlyKeys(Problem.MEDIA_TYPE);
                assertThat(doc.getString(shared + ".content['application/problem+json'].schema.$ref"))
                        .as(ref).isEqualTo(PROBLEM_REF);
                Integer exampleStatus = doc.get(shared + ".content['application/problem+json'].examples.problem.value.status");
                if (exampleStatus != null) {
                    assertThat(exampleStatus).as(ref + " example").isEqualTo(Integer.parseInt(status));
                }
            } else {
                assertThat(doc.getString(response + ".headers['X-Request-Id'].$ref"))
                        .as(op + " " + status).isEqualTo("#/components/headers/X-Request-Id");
            }
        }
    }

    /** Every header of every response, shared or not, is a reference to a declared header. */
    private void assertEveryHeaderReferred() {
        Map<String, Map<String, Object>> shared = doc.getMap("components.responses");
        shared.keySet().forEach(name -> assertHeadersReferred("components.responses." + name));
        for (String op : operations()) {
            Map<String, Map<String, Object>> responses = doc.getMap(op + ".responses");
            responses.forEach((status, response) -> {
                if (!response.containsKey("$ref")) {
                    assertHeadersReferred(op + ".responses['" + status + "']");
                }
            });
        }
    }

    private void assertHeadersReferred(String response) {
        Map<String, Object> headers = doc.getMap(response + ".headers");
        assertThat(headers).as(response + " headers").containsKey("X-Request-Id");
        headers.keySet().forEach(header -> assertThat(doc.getString(response + ".headers['" + header + "'].$ref"))
                .as(response + " " + header).isEqualTo("#/components/headers/" + header));
    }

    private String operationId(String path, String method) {
        return doc.getString(op(path, method) + ".operationId");
    }

    private List<String> operations() {
        List<String> ops = new ArrayList<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.keySet().stream().filter(METHODS::contains)
                .forEach(method -> ops.add(op(path, method))));
        return ops;
    }

    private static String op(String path, String method) {
        return "paths['" + path + "']." + method;
    }
}
