package dev.callbridge.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callbridge.config.RequiredConfigCheck;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Holds the manifests in {@code k8s/} and the Dockerfiles against the running application,
 * so the two cannot drift apart silently: probe paths, ports, required settings, grace periods
 * and label selectors.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class ManifestConsistencyTest {

    private static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    /**
     * The packaged application.properties as the prod profile reads it, without environment
     * variables: the defaults a container starts with. The running test instance cannot tell
     * them (its HTTP port is the test port).
     */
    private static final SmallRyeConfig PROD = prodDefaults();

    /**
     * Connections all replicas may hold on the database: PostgreSQL's default
     * {@code max_connections} (100) less its 3 {@code superuser_reserved_connections} and a few
     * for operators, backups and migrations run by hand (README, "Deploying"; k8s/configmap.yaml).
     */
    static final int DATABASE_CONNECTION_BUDGET = 90;

    private final Manifests manifests = Manifests.load();
    private final Manifests examples = Manifests.load(Manifests.EXAMPLES);
    private final JsonNode secret = examples.single("Secret");
    private final JsonNode deployment = manifests.single("Deployment");
    private final JsonNode pod = deployment.path("spec").path("template");
    private final JsonNode container = pod.path("spec").path("containers").path(0);

    @Test
    void everyManifestIsAKubernetesObject() {
        for (JsonNode object : manifests.all()) {
            assertThat(object.path("apiVersion").asText()).as("apiVersion of %s", object).isNotBlank();
            assertThat(object.path("metadata").path("name").asText()).as("name of %s", object).isNotBlank();
        }
        assertThat(manifests.all()).extracting(o -> o.path("kind").asText())
                .contains("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget");
        assertThat(manifests.single("HorizontalPodAutoscaler").path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(pod.path("spec").path("containers")).hasSize(1);
    }

    @Test
    void containerPortIsTheApplicationsHttpPort() {
        assertThat(httpPort()).isEqualTo(expectedPort());
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
                .isEqualTo(String.valueOf(expectedPort()));
    }

    @Test
    void probesAreOnTheRealHealthEndpoints() {
        Map<String, String> paths = new HashMap<>();
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(resolvePort(get.path("port"))).as(probe + " port").isEqualTo(httpPort());
            paths.put(probe, get.path("path").asText());
        }
        assertThat(given().get(paths.get("livenessProbe")).statusCode()).as("liveness").isEqualTo(200);
        assertThat(given().get(paths.get("startupProbe")).statusCode()).as("startup").isEqualTo(200);
        // Ready or not depends on the vendors, but it must be the real readiness endpoint.
        Response ready = given().get(paths.get("readinessProbe"));
        assertThat(ready.statusCode()).as("readiness").isIn(200, 503);
        assertThat(ready.jsonPath().getList("checks.name", String.class))
                .contains("configuration", "ultravox", "twilio");
    }

    @Test
    void prometheusScrapesTheMetricsEndpoint() {
        JsonNode annotations = pod.path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        Response metrics = given().get(annotations.path("prometheus.io/path").asText());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.asString()).contains("# TYPE");
    }

    @Test
    void configMapAndSecretProvideEveryRequiredSetting() {
        assertThat(providedVariables()).containsAll(RequiredConfigCheck.requiredEnvVars());
    }

    @Test
    void everyVariableTheDeploymentSetsIsOneTheApplicationReads() throws IOException {
        Set<String> set = providedVariables();
        for (JsonNode env : container.path("env")) {
            set.add(env.path("name").asText());
        }

        assertThat(set).contains("CALLBRIDGE_STORE", "CALLBRIDGE_DB_USER");
        assertThat(referencedEnvVars()).as("variables in application.properties").containsAll(set);
    }

    /**
     * {@code kubectl apply -f k8s/} would replace a Secret created with {@code kubectl create
     * secret} by the placeholders, so the example lives in a subdirectory it does not read.
     */
    @Test
    void applyingTheManifestsLeavesTheSecretAlone() {
        assertThat(manifests.ofKind("Secret")).as("Secrets applied by kubectl apply -f k8s/").isEmpty();
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo(envFromName("secretRef"));
        assertThat(manifests.named("ConfigMap", envFromName("configMapRef"))).isNotNull();
    }

    /** Several replicas serve as one only on the shared store, which needs its URL and credentials. */
    @Test
    void replicasShareThePostgresStoreWithUrlAndCredentials() {
        JsonNode data = configMap().path("data");
        assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThan(1);
        assertThat(data.path("CALLBRIDGE_STORE").asText()).isEqualTo("postgres");
        assertThat(data.path("CALLBRIDGE_DB_URL").asText()).as("postgresql://host:port/database, no credentials")
                .matches("postgresql://[A-Za-z0-9.-]+:[0-9]+/[A-Za-z0-9_]+");
        assertThat(secret.path("stringData").has("CALLBRIDGE_DB_USER")).isTrue();
        assertThat(secret.path("stringData").has("CALLBRIDGE_DB_PASSWORD")).isTrue();
        assertThat(data.has("CALLBRIDGE_DB_USER") || data.has("CALLBRIDGE_DB_PASSWORD"))
                .as("database credentials in the ConfigMap").isFalse();
    }

    /**
     * At the autoscaler's maximum, during a rolling update (one surge pod), every pod holds its
     * request pool and, while it starts, Flyway's JDBC pool: all of it must fit the budget.
     */
    @Test
    void connectionsOfAllReplicasStayWithinTheDatabaseBudget() {
        JsonNode configured = configMap().path("data").path("CALLBRIDGE_DB_POOL_SIZE");
        int poolSize = configured.isMissingNode() ? PROD.getValue("callbridge.store.db.pool-size", Integer.class)
                : configured.asInt();
        int migration = PROD.getValue("quarkus.datasource.jdbc.max-size", Integer.class);
        int maxReplicas = manifests.single("HorizontalPodAutoscaler").path("spec").path("maxReplicas").asInt();
        int surge = deployment.path("spec").path("strategy").path("rollingUpdate").path("maxSurge").asInt();

        assertThat(poolSize).isPositive();
        assertThat(maxReplicas).isGreaterThanOrEqualTo(deployment.path("spec").path("replicas").asInt());
        assertThat((poolSize + migration) * (maxReplicas + surge)).isLessThanOrEqualTo(DATABASE_CONNECTION_BUDGET);
    }

    @Test
    void exampleSecretHoldsPlaceholdersOnly() {
        assertThat(secret.has("data")).as("base64 data hides what is committed").isFalse();
        secret.path("stringData").fields().forEachRemaining(e ->
                assertThat(e.getValue().asText()).as(e.getKey()).isEqualTo("replace-me"));
    }

    /**
     * Shutdown takes the calls' drain grace (CALLBRIDGE_SHUTDOWN_GRACE), then any pre-shutdown
     * delay, then up to quarkus.shutdown.timeout for other requests: the pod must outlive all three.
     */
    @Test
    void podOutlivesTheApplicationsShutdownGracePeriod() {
        long podGrace = pod.path("spec").path("terminationGracePeriodSeconds").asLong();
        JsonNode configured = configMap().path("data").path("CALLBRIDGE_SHUTDOWN_GRACE");
        Duration drainGrace = configured.isMissingNode()
                ? DurationConverter.parseDuration(PROD.getValue("callbridge.admission.drain-grace", String.class))
                : DurationConverter.parseDuration(configured.asText());
        Duration httpTimeout = DurationConverter.parseDuration(PROD.getValue("quarkus.shutdown.timeout", String.class));
        Duration delay = PROD.getOptionalValue("quarkus.shutdown.delay", String.class)
                .map(DurationConverter::parseDuration).orElse(Duration.ZERO);

        assertThat(drainGrace).isPositive();
        assertThat(PROD.getValue("quarkus.shutdown.delay-enabled", Boolean.class)).as("pre-shutdown event fired").isTrue();
        assertThat(Duration.ofSeconds(podGrace)).isGreaterThan(drainGrace.plus(delay).plus(httpTimeout));
    }

    @Test
    void podRunsNonRootOnAReadOnlyFilesystem() {
        assertThat(pod.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if (mount.path("mountPath").asText().equals("/tmp")) {
                tmpVolume = mount.path("name").asText();
            }
        }
        assertThat(tmpVolume).as("writable /tmp").isNotNull();
        boolean emptyDir = false;
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
        }
        assertThat(emptyDir).as("/tmp is an emptyDir").isTrue();
        JsonNode resources = container.path("resources");
        assertThat(resources.path("requests").path("cpu").asText()).isNotBlank();
        assertThat(resources.path("requests").path("memory").asText()).isNotBlank();
        assertThat(resources.path("limits").path("memory").asText()).isNotBlank();
    }

    @Test
    void serviceAutoscalerAndBudgetTargetTheDeploymentsPods() {
        JsonNode labels = pod.path("metadata").path("labels");
        assertThat(deployment.path("spec").path("selector").path("matchLabels")).isEqualTo(labels);

        JsonNode service = manifests.single("Service");
        assertSelects(service.path("spec").path("selector"), labels);
        assertThat(resolvePort(service.path("spec").path("ports").path(0).path("targetPort"))).isEqualTo(httpPort());

        assertSelects(manifests.single("PodDisruptionBudget").path("spec").path("selector").path("matchLabels"), labels);

        JsonNode target = manifests.single("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText()).isEqualTo("Deployment");
        assertThat(target.path("name").asText()).isEqualTo(deployment.path("metadata").path("name").asText());
    }

    @Test
    void dockerfilesExposeTheHttpPortAndRunAsNonRoot() throws IOException {
        for (String file : List.of("docker/Dockerfile.jvm", "docker/Dockerfile.native")) {
            String text = Files.readString(Path.of(file));
            assertThat(text).as(file).contains("EXPOSE " + httpPort());
            Matcher user = Pattern.compile("(?m)^USER (\\S+)\\s*$").matcher(text);
            String last = null;
            while (user.find()) {
                last = user.group(1);
            }
            assertThat(last).as(file + " final USER").isNotNull().isNotIn("root", "0");
        }
    }

    private JsonNode configMap() {
        return manifests.named("ConfigMap", envFromName("configMapRef"));
    }

    /** The variables the container gets from its ConfigMap and (example) Secret. */
    private Set<String> providedVariables() {
        Set<String> provided = new HashSet<>();
        configMap().path("data").fieldNames().forEachRemaining(provided::add);
        secret.path("stringData").fieldNames().forEachRemaining(provided::add);
        secret.path("data").fieldNames().forEachRemaining(provided::add);
        return provided;
    }

    private int httpPort() {
        return resolvePort(container.path("ports").path(0).path("containerPort"));
    }

    /** The HTTP port the application listens on inside the pod. */
    private int expectedPort() {
        JsonNode fromConfigMap = manifests.single("ConfigMap").path("data").path("PORT");
        return fromConfigMap.isMissingNode() ? PROD.getValue("quarkus.http.port", Integer.class)
                : fromConfigMap.asInt();
    }

    private static SmallRyeConfig prodDefaults() {
        try {
            return new SmallRyeConfigBuilder().withProfile("prod")
                    .withSources(new PropertiesConfigSource(PROPERTIES.toUri().toURL(), 250))
                    .build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A probe or Service port, given as a number or as the name of a container port. */
    private int resolvePort(JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode declared : container.path("ports")) {
            if (declared.path("name").asText().equals(port.asText())) {
                return declared.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private String envFromName(String refKind) {
        for (JsonNode source : container.path("envFrom")) {
            if (source.has(refKind)) {
                return source.path(refKind).path("name").asText();
            }
        }
        throw new AssertionError("no envFrom " + refKind);
    }

    private static void assertSelects(JsonNode selector, JsonNode labels) {
        assertThat(selector.isObject() && !selector.isEmpty()).as("selector %s", selector).isTrue();
        selector.fields().forEachRemaining(e ->
                assertThat(labels.path(e.getKey())).as("label " + e.getKey()).isEqualTo(e.getValue()));
    }

    /** Environment variables that application.properties reads, as {@code ${NAME}} or {@code ${NAME:default}}. */
    private static Set<String> referencedEnvVars() throws IOException {
        Matcher m = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]").matcher(Files.readString(PROPERTIES));
        Set<String> names = new HashSet<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
