package dev.callbridge.http;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hostile clients without a key: 1,500 requests to made-up {@code /api} paths must neither
 * turn every path into a metrics series (crowding out the real routes once the URI tag limit
 * is reached) nor write a log line each.
 */
@QuarkusTest
@Tag("hostile")
class UnauthenticatedFloodTest {

    private static final Pattern URI_TAG = Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"",
            Pattern.MULTILINE);

    @Test
    void aFloodOfUnauthenticatedRandomPathsLeavesMetricsAndLogsBounded() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RawHttp.port();
        List<CompletableFuture<HttpResponse<Void>>> sent = new ArrayList<>();
        try (LogCapture log = LogCapture.install()) {
            for (int i = 0; i < 1500; i++) {
                String path = (i % 3 == 0 ? "//api/" : "/api/") + UUID.randomUUID() + "/" + i;
                sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()));
                if (sent.size() % 100 == 0) {
                    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                }
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(sent).allSatisfy(f -> assertThat(f.join().statusCode()).isIn(401, 404));

            List<String> loud = log.lines().stream().filter(l -> l.startsWith("WARN") || l.startsWith("ERROR")
                    || l.startsWith("SEVERE") || l.startsWith("WARNING")).toList();
            assertThat(loud).as("at most one summary line a minute").hasSizeLessThanOrEqualTo(1);
            assertThat(log.lines().stream().filter(l -> l.startsWith("INFO")).count()).isLessThan(10);
        }

        api().get("/api/v1/agents/{id}", "not-a-uuid").then().statusCode(400);
        String metrics = given().get("/q/metrics").asString();
        Set<String> uris = uriTags(metrics);
        assertThat(uris).as("no series per made-up path").noneMatch(u -> u.matches(".*[0-9a-f]{8}-[0-9a-f]{4}.*"));
        assertThat(uris).as("the real route is still recorded").contains("/api/v1/agents/{agentId}");
        assertThat(uris.size()).isLessThan(40);
    }

    private static Set<String> uriTags(String metrics) {
        Matcher m = URI_TAG.matcher(metrics);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.stream().collect(Collectors.toSet());
    }
}
