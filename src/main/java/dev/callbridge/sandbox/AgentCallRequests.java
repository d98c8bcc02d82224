package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code StartAgentCallRequest} the way Ultravox does: unknown top-level fields are
 * refused like its protobuf parser refuses them, the agent's template variables must all be
 * supplied, and the agent's call template is merged with the request's overrides.
 */
final class AgentCallRequests {

    /** A request that passed validation: the call's settings as Ultravox would show them. */
    record Prepared(ObjectNode settings, double joinTimeoutSeconds, double maxDurationSeconds,
            Map<String, String> metadata) {
    }

    /** Either a prepared call or the error answer. */
    record Outcome(Prepared prepared, Response error) {
    }

    static final Set<String> FIELDS = Set.of("templateContext", "initialMessages", "metadata", "medium",
            "joinTimeout", "maxDuration", "recordingEnabled", "initialOutputMedium", "firstSpeakerSettings",
            "dataConnection", "experimentalSettings", "callbacks", "voice", "voiceOverrides", "toolOverrides",
            "retentionPolicy", "sharedSecrets", "agentId");

    /** Request fields that are protobuf messages: anything but an object (or null) is refused. */
    private static final List<String> OBJECT_FIELDS =
            List.of("firstSpeakerSettings", "dataConnection", "callbacks", "voiceOverrides", "toolOverrides");

    private AgentCallRequests() {
    }

    static Outcome prepare(SandboxAgent agent, ObjectNode request) {
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return error(DrfErrors.detail(400, "Message type \"ultravox.v1.StartAgentCallRequest\" has no field "
                        + "named \"" + name + "\" at \"StartAgentCallRequest\"."));
            }
        }
        ObjectNode template = agent.callTemplate() == null
                ? JsonNodeFactory.instance.objectNode() : agent.callTemplate();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode context = objectOrNull(request.get("templateContext"), "templateContext", errors);
        List<String> missing = TemplateVariables.missing(TemplateVariables.referencedBy(template), context);
        if (!missing.isEmpty()) {
            errors.put("templateContext", missing.stream()
                    .map(v -> "Missing value for template variable '" + v + "'.").toList());
        }
        for (String field : OBJECT_FIELDS) {
            objectOrNull(request.get(field), field, errors);
        }
        Map<String, String> metadata = metadata(request.get("metadata"), errors);
        String joinTimeout = duration(request, template, "joinTimeout", "30s", errors);
        String maxDuration = duration(request, template, "maxDuration", "3600s", errors);
        JsonNode medium = pick(request, template, "medium", null);
        if (medium != null && (!medium.isObject() || medium.size() > 1)) {
            errors.put("medium", List.of("Set at most one medium, e.g. {\"twilio\": {}}."));
        }
        if (!errors.isEmpty()) {
            return error(DrfErrors.fields(errors));
        }
        ObjectNode settings = settings(agent, template, request, context);
        settings.put("joinTimeout", joinTimeout);
        settings.put("maxDuration", maxDuration);
        settings.set("medium", medium);
        return new Outcome(new Prepared(settings, UltravoxTimes.seconds(joinTimeout).orElseThrow(),
                UltravoxTimes.seconds(maxDuration).orElseThrow(), metadata), null);
    }

    private static ObjectNode settings(SandboxAgent agent, ObjectNode template, ObjectNode request, JsonNode context) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.putNull("clientVersion");
        JsonNode firstSpeaker = pick(request, template, "firstSpeakerSettings", objectWith("agent"));
        s.set("firstSpeakerSettings", firstSpeaker);
        s.put("firstSpeaker", firstSpeaker.has("user") ? "FIRST_SPEAKER_USER" : "FIRST_SPEAKER_AGENT");
        s.set("inactivityMessages", pick(null, template, "inactivityMessages", JsonNodeFactory.instance.arrayNode()));
        s.set("initialOutputMedium", pick(request, template, "initialOutputMedium", text("MESSAGE_MEDIUM_VOICE")));
        s.put("languageHint", TemplateVariables.render(textOf(template, "languageHint"), context));
        s.set("model", pick(null, template, "model", text("ultravox-v0.7")));
        s.set("recordingEnabled", pick(request, template, "recordingEnabled", JsonNodeFactory.instance.booleanNode(false)));
        s.set("retentionPolicy", pick(request, template, "retentionPolicy", null));
        s.put("systemPrompt", TemplateVariables.render(textOf(template, "systemPrompt"), context));
        s.set("temperature", pick(null, template, "temperature", JsonNodeFactory.instance.numberNode(0)));
        s.put("timeExceededMessage", TemplateVariables.render(textOf(template, "timeExceededMessage"), context));
        s.set("voice", pick(request, template, "voice", null));
        // Message-typed fields the Call schema has as non-nullable objects: an unset one is {}.
        s.set("externalVoice", objectOrEmpty(pick(null, template, "externalVoice", null)));
        s.set("voiceOverrides", objectOrEmpty(pick(request, template, "voiceOverrides", null)));
        s.set("vadSettings", pick(null, template, "vadSettings", null));
        s.put("transcriptOptional", true);
        s.putObject("agent").put("agentId", agent.agentId()).put("name", agent.name());
        s.put("agentId", agent.agentId());
        s.set("experimentalSettings", pick(request, null, "experimentalSettings", null));
        s.putObject("initialState");
        s.putNull("requestContext");
        s.set("dataConnectionConfig", objectOrEmpty(pick(request, template, "dataConnection", null)));
        s.set("callbacks", objectOrEmpty(pick(request, null, "callbacks", null)));
        s.putNull("sipDetails");
        return s;
    }

    private static Map<String, String> metadata(JsonNode node, Map<String, List<String>> errors) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return metadata;
        }
        if (!node.isObject()) {
            errors.put("metadata", List.of("Expected a map of strings to strings."));
            return metadata;
        }
        node.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("ultravox.")) {
                errors.put("metadata", List.of("Keys starting with 'ultravox.' are reserved."));
            } else if (!e.getValue().isTextual()) {
                errors.put("metadata", List.of("Every metadata value must be a string."));
            } else {
                metadata.put(e.getKey(), e.getValue().asText());
            }
        });
        return metadata;
    }

    private static String duration(ObjectNode request, ObjectNode template, String field, String fallback,
            Map<String, List<String>> errors) {
        JsonNode value = pick(request, template, field, text(fallback));
        if (!value.isTextual() || UltravoxTimes.seconds(value.asText()).filter(s -> s >= 0).isEmpty()) {
            errors.put(field, List.of("Invalid duration; use seconds such as \"30s\"."));
            return fallback;
        }
        return value.asText();
    }

    private static JsonNode objectOrNull(JsonNode node, String field, Map<String, List<String>> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.put(field, List.of("Expected an object."));
            return null;
        }
        return node;
    }

    private static JsonNode objectOrEmpty(JsonNode node) {
        return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    /** The request's value, else the template's, else {@code fallback}. */
    private static JsonNode pick(ObjectNode request, ObjectNode template, String field, JsonNode fallback) {
        for (ObjectNode source : new ObjectNode[] {request, template}) {
            if (source != null && source.hasNonNull(field)) {
                return source.get(field).deepCopy();
            }
        }
        return fallback;
    }

    private static String textOf(ObjectNode template, String field) {
        JsonNode v = template.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    private static ObjectNode objectWith(String key) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.putObject(key);
        return node;
    }

    private static Outcome error(Response response) {
        return new Outcome(null, response);
    }
}
