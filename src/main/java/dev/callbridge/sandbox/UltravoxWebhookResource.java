package dev.callbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated Ultravox's webhook management under {@code /sandbox/ultravox/api/webhooks}:
 * register ({@code url}, {@code events}, optional {@code secrets} and {@code agentId}), list,
 * read and delete, with DRF's validation answers. Deliveries: {@link UltravoxWebhookDelivery}.
 */
@Path("/sandbox/ultravox/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class UltravoxWebhookResource {

    static final int MAX_URL_LENGTH = 200;
    static final int MAX_SECRET_LENGTH = 120;
    static final int MAX_SECRETS = 10;

    private final SandboxWebhooks webhooks;
    private final SandboxAgents agents;
    private final ObjectMapper json;

    UltravoxWebhookResource(SandboxWebhooks webhooks, SandboxAgents agents, ObjectMapper json) {
        this.webhooks = webhooks;
        this.agents = agents;
        this.json = json;
    }

    @POST
    public Response register(String body) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            return DrfErrors.detail(400, "JSON parse error - " + e.getOriginalMessage());
        }
        if (!(request instanceof ObjectNode)) {
            return DrfErrors.field("non_field_errors", "Invalid data. Expected a dictionary.");
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String url = url(request.get("url"), errors);
        List<String> events = strings(request.get("events"), "events", true, errors);
        events.stream().filter(event -> !SandboxWebhook.EVENTS.contains(event)).forEach(event ->
                errors.computeIfAbsent("events", k -> new ArrayList<>()).add("\"" + event + "\" is not a valid choice."));
        List<String> secrets = strings(request.get("secrets"), "secrets", false, errors);
        if (secrets.size() > MAX_SECRETS || secrets.stream().anyMatch(s -> s.isEmpty() || s.length() > MAX_SECRET_LENGTH)) {
            errors.computeIfAbsent("secrets", k -> new ArrayList<>())
                    .add("Give at most " + MAX_SECRETS + " secrets of 1 to " + MAX_SECRET_LENGTH + " characters.");
        }
        String agentId = agent(request.get("agentId"), errors);
        if (!errors.isEmpty()) {
            return DrfErrors.fields(errors);
        }
        return webhooks.register(agentId, url, events, secrets)
                .map(webhook -> Response.status(201).entity(webhook.toJson()).build())
                .orElseGet(() -> DrfErrors.detail(400, "The sandbox keeps at most " + SandboxWebhooks.MAX_WEBHOOKS
                        + " webhooks; delete some first."));
    }

    @GET
    public Response list(@QueryParam("agentId") String agentId) {
        ArrayNode results = json.createArrayNode();
        webhooks.all().stream().filter(webhook -> agentId == null || agentId.equals(webhook.agentId()))
                .forEach(webhook -> results.add(webhook.toJson()));
        ObjectNode page = json.createObjectNode();
        page.putNull("next");
        page.putNull("previous");
        page.set("results", results);
        page.put("total", results.size());
        return Response.ok(page).build();
    }

    @GET
    @Path("/{webhookId}")
    public Response get(@PathParam("webhookId") String webhookId) {
        return webhooks.get(webhookId).map(webhook -> Response.ok(webhook.toJson()).build())
                .orElseGet(() -> DrfErrors.notFound("Webhook"));
    }

    @DELETE
    @Path("/{webhookId}")
    public Response delete(@PathParam("webhookId") String webhookId) {
        return webhooks.delete(webhookId) ? Response.noContent().build() : DrfErrors.notFound("Webhook");
    }

    private static String url(JsonNode value, Map<String, List<String>> errors) {
        if (value == null || value.isNull()) {
            errors.put("url", List.of("This field is required."));
            return null;
        }
        String text = value.asText();
        if (!value.isTextual() || text.length() > MAX_URL_LENGTH || !httpUrl(text)) {
            errors.put("url", List.of("Enter a valid URL of at most " + MAX_URL_LENGTH + " characters."));
            return null;
        }
        return text;
    }

    private static boolean httpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode value, String field, boolean required, Map<String, List<String>> errors) {
        if (value == null || value.isNull()) {
            if (required) {
                errors.put(field, List.of("This field is required."));
            }
            return List.of();
        }
        List<String> items = new ArrayList<>();
        if (!value.isArray()) {
            errors.put(field, List.of("Expected a list of items but got type \"" + value.getNodeType().name().toLowerCase()
                    + "\"."));
            return items;
        }
        value.forEach(item -> {
            if (item.isTextual()) {
                items.add(item.asText());
            } else {
                errors.computeIfAbsent(field, k -> new ArrayList<>()).add("Not a valid string.");
            }
        });
        if (required && items.isEmpty() && !errors.containsKey(field)) {
            errors.put(field, List.of("This list may not be empty."));
        }
        return items;
    }

    private String agent(JsonNode value, Map<String, List<String>> errors) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || agents.get(value.asText()).isEmpty()) {
            errors.put("agentId", List.of("Invalid pk \"" + value.asText() + "\" - object does not exist."));
            return null;
        }
        return value.asText();
    }
}
