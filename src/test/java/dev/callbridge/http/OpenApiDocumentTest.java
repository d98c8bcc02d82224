package dev.callbridge.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The published document as a contract: valid OpenAPI, every example true to its schema, and
 * equal to the committed {@code api/openapi.yaml} from which the build generates the test client.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class OpenApiDocumentTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("com.networknt.schema.keyword.UnknownKeywordFactory");

    /** The committed copy; the openapi-generator plugin reads it before the tests compile. */
    static final Path COMMITTED = Path.of("api", "openapi.yaml");
    private static final Path CURRENT = Path.of("target", "openapi", "openapi.yaml");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private String published;
    private JsonNode doc;

    @BeforeEach
    void fetch() throws IOException {
        published = given().accept("application/yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        doc = YAML.readTree(published);
    }

    @Test
    void isValidOpenApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(published, null, options);
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getMessages()).as("swagger-parser messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1");
    }

    @Test
    void everyRequestBodyHasAnExample() {
        int bodies = 0;
        for (JsonNode item : iterable(doc.path("paths"))) {
            for (JsonNode operation : iterable(item)) {
                JsonNode content = operation.path("requestBody").path("content");
                for (Map.Entry<String, JsonNode> media : content.properties()) {
                    assertThat(media.getValue().path("examples").size()).as(media.getKey()).isPositive();
                    bodies++;
                }
            }
        }
        assertThat(bodies).as("request bodies").isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyExampleMatchesItsSchema() throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = checkExamples(doc, "#", failures);
        assertThat(failures).isEmpty();
        // 3 request bodies, 4 success bodies, 4 problem bodies and the property examples.
        assertThat(checked).as("examples checked").isGreaterThan(20);
    }

    @Test
    void theCommittedCopyIsThePublishedDocument() throws IOException {
        JsonNode committed = Files.exists(COMMITTED) ? YAML.readTree(COMMITTED.toFile()) : null;
        if (!doc.equals(committed)) {
            Files.createDirectories(CURRENT.getParent());
            Files.writeString(CURRENT, published);
        }
        assertThat(committed)
                .withFailMessage("%s differs from /q/openapi, so the generated test client is out of date. "
                        + "The published document was written to %s: cp %s %s, then build again.",
                        COMMITTED, CURRENT, CURRENT, COMMITTED)
                .isEqualTo(doc);
    }

    /** Validates every example below {@code node}; returns how many it checked. */
    private int checkExamples(JsonNode node, String where, List<String> failures) throws IOException {
        if (!node.isContainerNode()) {
            return 0;
        }
        int checked = 0;
        if (node.isObject() && node.has("schema") && node.path("examples").isObject()) {
            for (Map.Entry<String, JsonNode> example : node.path("examples").properties()) {
                checked += validate(node.get("schema"), example.getValue().path("value"),
                        where + "/examples/" + example.getKey(), failures);
            }
        }
        if (node.isObject() && node.path("examples").isArray() && !node.has("schema")) {
            for (JsonNode example : node.path("examples")) {
                checked += validate(node, example, where + "/examples", failures);
            }
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            checked += checkExamples(child.getValue(), where + "/" + child.getKey(), failures);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += checkExamples(node.get(i), where + "/" + i, failures);
            }
        }
        return checked;
    }

    /** Checks one example against its schema, resolving {@code #/components/schemas/...} in this document. */
    private int validate(JsonNode schema, JsonNode example, String where, List<String> failures) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SpecificationVersion.DRAFT_2020_12.getDialectId());
        root.putObject("components").set("schemas", doc.path("components").path("schemas"));
        root.putArray("allOf").add(schema);
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(JSON.writeValueAsString(root), InputFormat.JSON);
        List<Error> errors = validator.validate(JSON.writeValueAsString(example), InputFormat.JSON);
        errors.forEach(e -> failures.add(where + " at " + e.getInstanceLocation() + ": " + e.getMessage()));
        return 1;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }
}
