package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates agent writes like Ultravox: DRF field errors for the agent, protobuf strictness
 * (no unknown fields) inside {@code callTemplate}, which is an {@code ultravox.v1.CallTemplate}.
 */
final class AgentRequests {

    /** Names integrators report Ultravox accepts; the strictest reading of the contract. */
    static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    static final Set<String> CALL_TEMPLATE_FIELDS = Set.of("name", "created", "updated", "systemPrompt",
            "temperature", "model", "voice", "externalVoice", "voiceOverrides", "languageHint",
            "timeExceededMessage", "inactivityMessages", "selectedTools", "firstSpeakerSettings",
            "initialOutputMedium", "joinTimeout", "maxDuration", "vadSettings", "recordingEnabled", "medium",
            "dataConnection", "contextSchema", "sharedSecrets", "retentionPolicy");

    private AgentRequests() {
    }

    /** Field errors of a create ({@code partial=false}) or PATCH ({@code partial=true}) body. */
    static Map<String, List<String>> errors(ObjectNode body, boolean partial) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        JsonNode name = body.get("name");
        if (name == null || name.isNull()) {
            if (!partial) {
                errors.put("name", List.of("This field is required."));
            }
        } else if (!name.isTextual()) {
            errors.put("name", List.of("Not a valid string."));
        } else if (name.asText().length() > 64) {
            errors.put("name", List.of("Ensure this field has no more than 64 characters."));
        } else if (!NAME.matcher(name.asText()).matches()) {
            errors.put("name", List.of("Agent names may contain only letters, digits, '_' and '-'."));
        }
        JsonNode template = body.get("callTemplate");
        if (template != null && !template.isNull()) {
            List<String> templateErrors = templateErrors(template);
            if (!templateErrors.isEmpty()) {
                errors.put("callTemplate", templateErrors);
            }
        }
        return errors;
    }

    /** The template without the fields the server sets, or null. */
    static ObjectNode writableTemplate(JsonNode template) {
        if (template == null || template.isNull()) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) template).deepCopy();
        copy.remove(List.of("created", "updated"));
        return copy;
    }

    private static List<String> templateErrors(JsonNode template) {
        List<String> errors = new ArrayList<>();
        if (!template.isObject()) {
            errors.add("Expected a dictionary of items but got type \"" + template.getNodeType().name().toLowerCase()
                    + "\".");
            return errors;
        }
        template.fieldNames().forEachRemaining(field -> {
            if (!CALL_TEMPLATE_FIELDS.contains(field)) {
                errors.add("Message type \"ultravox.v1.CallTemplate\" has no field named \"" + field + "\".");
            }
        });
        for (String field : List.of("joinTimeout", "maxDuration")) {
            JsonNode d = template.get(field);
            if (d != null && !d.isNull() && (!d.isTextual() || UltravoxTimes.seconds(d.asText()).isEmpty())) {
                errors.add("Field '" + field + "': invalid duration; use seconds such as \"30s\".");
            }
        }
        JsonNode temperature = template.get("temperature");
        if (temperature != null && !temperature.isNull()
                && (!temperature.isNumber() || temperature.asDouble() < 0 || temperature.asDouble() > 1)) {
            errors.add("Field 'temperature': must be a number between 0 and 1.");
        }
        return errors;
    }
}
