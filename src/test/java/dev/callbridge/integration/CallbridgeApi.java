package dev.callbridge.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Talks to the launched Callbridge over its public HTTP API, as a client application would.
 * Thread-safe, so concurrency tests share one instance. With debug output on, each exchange is
 * printed as one line (method, path, status, time), never a body: bodies may carry join URLs.
 */
public final class CallbridgeApi {

    /** Shared JSON mapper of the suite. */
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int PAGE_SIZE = 100;
    /** The most {@code GET /api/v1/numbers} gives per page. */
    private static final int MAX_ROUTE_PAGE_SIZE = 200;
    private static final int MAX_PAGES = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    private CallbridgeApi(URI base) {
        this.base = base;
    }

    /** The application on {@code localhost:<quarkus.http.test-port>}, where the jar is launched. */
    public static CallbridgeApi local() {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
        return new CallbridgeApi(URI.create("http://localhost:" + port));
    }

    public Reply get(String path) {
        return send("GET", path, null, true);
    }

    public Reply post(String path, JsonNode body) {
        return send("POST", path, body, true);
    }

    public Reply put(String path, JsonNode body) {
        return send("PUT", path, body, true);
    }

    public Reply patch(String path, JsonNode body) {
        return send("PATCH", path, body, true);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, true);
    }

    /** A request without {@code X-API-Key}, for the probes. */
    public Reply getWithoutKey(String path) {
        return send("GET", path, null, false);
    }

    /** {@code POST /api/v1/agents}. Prefer {@link CreatedResources#createAgent}, which cleans up. */
    public Reply createAgent(String name, ObjectNode callTemplate) {
        return post("/api/v1/agents", JsonNodeFactory.instance.objectNode().put("name", name)
                .set("callTemplate", callTemplate));
    }

    /** {@code POST /api/v1/agents/{agentId}/calls}. Prefer {@link CreatedResources#placeCall}. */
    public Reply placeCall(String agentId, ObjectNode body) {
        return post("/api/v1/agents/" + agentId + "/calls", body);
    }

    /** Every agent of the account, following the {@code next} cursor to the last page. */
    public List<JsonNode> allAgents() {
        return allPages("/api/v1/agents?pageSize=" + PAGE_SIZE, "agents");
    }

    /** Every number route of the suite's API key, following the {@code next} cursor to the last page. */
    public List<JsonNode> allRoutes() {
        return allPages("/api/v1/numbers?pageSize=" + MAX_ROUTE_PAGE_SIZE, "routes");
    }

    private List<JsonNode> allPages(String first, String what) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Reply reply = get(first + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            if (reply.status() != 200) {
                throw new AssertionError("Listing " + what + " answered " + reply.status() + ": " + reply.text());
            }
            reply.json().path("results").forEach(items::add);
            cursor = reply.json().path("next").isTextual() ? reply.json().path("next").asText() : null;
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError("More than " + MAX_PAGES + " pages of " + what + "; giving up");
    }

    private Reply send(String method, String path, JsonNode body, boolean withKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json, application/problem+json");
        if (withKey) {
            request.header("X-API-Key", TargetConfiguration.API_KEY);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (IntegrationTarget.debug()) {
            System.out.printf("[it] %s %s -> %d (%d ms)%n", method, path, response.statusCode(), took.toMillis());
        }
        return new Reply(response.statusCode(), response.headers(), response.body(), took);
    }
}
