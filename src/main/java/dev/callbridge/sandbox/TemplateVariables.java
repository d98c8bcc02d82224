package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ultravox's mustache-style {@code {{variable}}} templates, read strictly: every variable an
 * agent's templated fields reference must have a value in the call's {@code templateContext}
 * (dotted names reach into nested objects), otherwise call creation fails.
 */
final class TemplateVariables {

    private static final Pattern VARIABLE =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*}}");
    /** Call-template fields Ultravox treats as templates. */
    static final List<String> TEMPLATED_FIELDS = List.of("systemPrompt", "languageHint", "timeExceededMessage");

    private TemplateVariables() {
    }

    /** Every variable referenced by the templated fields of {@code template}, in order of appearance. */
    static Set<String> referencedBy(ObjectNode template) {
        Set<String> names = new LinkedHashSet<>();
        if (template == null) {
            return names;
        }
        for (String field : TEMPLATED_FIELDS) {
            collect(template.get(field), names);
        }
        JsonNode inactivity = template.get("inactivityMessages");
        if (inactivity != null && inactivity.isArray()) {
            inactivity.forEach(message -> collect(message.get("message"), names));
        }
        return names;
    }

    /** The referenced variables that {@code context} gives no (non-null) value for. */
    static List<String> missing(Set<String> names, JsonNode context) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (lookup(context, name) == null) {
                missing.add(name);
            }
        }
        return missing;
    }

    /** {@code text} with every variable replaced by its value; null stays null. */
    static String render(String text, JsonNode context) {
        if (text == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode value = lookup(context, m.group(1));
            String replacement = value == null ? "" : value.isValueNode() ? value.asText() : value.toString();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void collect(JsonNode field, Set<String> names) {
        if (field != null && field.isTextual()) {
            Matcher m = VARIABLE.matcher(field.asText());
            while (m.find()) {
                names.add(m.group(1));
            }
        }
    }

    private static JsonNode lookup(JsonNode context, String dotted) {
        JsonNode node = context;
        for (String part : dotted.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() ? null : node;
    }
}
