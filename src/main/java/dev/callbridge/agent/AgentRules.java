package dev.callbridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.http.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an agent's call template before it reaches Ultravox, so that bad input is
 * reported per field in one answer instead of one upstream round trip per mistake.
 * Only the fields Callbridge knows are checked; others are passed through untouched.
 */
final class AgentRules {

    /** Ultravox agent names: 1–64 letters, digits, underscores or hyphens. */
    static final String NAME_PATTERN = "^[A-Za-z0-9_-]{1,64}$";
    static final String NAME_MESSAGE = "must be 1-64 letters, digits, '_' or '-'";

    /** Longest system prompt accepted, in characters. */
    static final int MAX_SYSTEM_PROMPT = 50_000;

    /** Most {@code selectedTools} entries; checked before any entry is looked at. */
    static final int MAX_SELECTED_TOOLS = 100;

    /** Fields Ultravox sets itself; they are dropped before a template is sent back. */
    static final Set<String> READ_ONLY_FIELDS = Set.of("created", "updated");

    private static final Pattern DURATION = Pattern.compile("^(?:0|[1-9][0-9]{0,11})(?:\\.[0-9]{1,9})?s$");
    private static final Pattern LANGUAGE = Pattern.compile("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$");
    private static final Set<String> MEDIUMS =
            Set.of("MESSAGE_MEDIUM_UNSPECIFIED", "MESSAGE_MEDIUM_VOICE", "MESSAGE_MEDIUM_TEXT");

    private AgentRules() {
    }

    /** Every problem in {@code template}, with field names prefixed by {@code callTemplate.}. */
    static List<FieldError> checkTemplate(ObjectNode template) {
        Checker c = new Checker(template);
        c.requiredText("systemPrompt", MAX_SYSTEM_PROMPT);
        c.number("temperature", 0, 1);
        c.text("model", 200);
        c.text("voice", 200);
        c.text("timeExceededMessage", 2000);
        c.matching("languageHint", LANGUAGE, "must be a BCP 47 language tag such as 'en-US'");
        c.matching("maxDuration", DURATION, "must be a duration in seconds such as '600s'");
        c.matching("joinTimeout", DURATION, "must be a duration in seconds such as '30s'");
        c.bool("recordingEnabled");
        c.oneOf("initialOutputMedium", MEDIUMS);
        c.exactlyOneKey("firstSpeakerSettings", Set.of("agent", "user"));
        c.eachExactlyOneKey("selectedTools", Set.of("toolId", "toolName", "temporaryTool"));
        return c.errors;
    }

    /** A copy of the template without the fields Ultravox manages itself. */
    static ObjectNode writable(ObjectNode template) {
        ObjectNode copy = template.deepCopy();
        copy.remove(READ_ONLY_FIELDS);
        return copy;
    }

    /** Accumulates field errors for one template. */
    private static final class Checker {
        private final ObjectNode node;
        private final List<FieldError> errors = new ArrayList<>();

        Checker(ObjectNode node) {
            this.node = node;
        }

        void requiredText(String field, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                fail(field, "is required");
            } else {
                text(field, max);
            }
        }

        void text(String field, int max) {
            JsonNode v = present(field);
            if (v == null) {
                return;
            }
            if (!v.isTextual()) {
                fail(field, "must be a string");
            } else if (v.asText().length() > max) {
                fail(field, "must be at most " + max + " characters");
            }
        }

        void number(String field, double min, double max) {
            JsonNode v = present(field);
            if (v != null && (!v.isNumber() || v.asDouble() < min || v.asDouble() > max)) {
                fail(field, "must be a number between " + fmt(min) + " and " + fmt(max));
            }
        }

        void bool(String field) {
            JsonNode v = present(field);
            if (v != null && !v.isBoolean()) {
                fail(field, "must be true or false");
            }
        }

        void matching(String field, Pattern pattern, String message) {
            JsonNode v = present(field);
            if (v != null && (!v.isTextual() || !pattern.matcher(v.asText()).matches())) {
                fail(field, message);
            }
        }

        void oneOf(String field, Set<String> allowed) {
            JsonNode v = present(field);
            if (v != null && (!v.isTextual() || !allowed.contains(v.asText()))) {
                fail(field, "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }

        void exactlyOneKey(String field, Set<String> keys) {
            JsonNode v = present(field);
            if (v != null && !hasExactlyOne(v, keys)) {
                fail(field, "must be an object with exactly one of " + sorted(keys));
            }
        }

        void eachExactlyOneKey(String field, Set<String> keys) {
            JsonNode v = present(field);
            if (v == null) {
                return;
            }
            if (!v.isArray()) {
                fail(field, "must be an array");
                return;
            }
            if (v.size() > MAX_SELECTED_TOOLS) {
                fail(field, "must have at most " + MAX_SELECTED_TOOLS + " entries");
                return;
            }
            for (int i = 0; i < v.size(); i++) {
                if (!hasExactlyOne(v.get(i), keys)) {
                    fail(field + "[" + i + "]", "must be an object with exactly one of " + sorted(keys));
                }
            }
        }

        private JsonNode present(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v;
        }

        private static boolean hasExactlyOne(JsonNode v, Set<String> keys) {
            return v.isObject() && keys.stream().filter(v::has).count() == 1;
        }

        private static String sorted(Set<String> keys) {
            return String.join(", ", keys.stream().sorted().toList());
        }

        private static String fmt(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }

        private void fail(String field, String message) {
            errors.add(new FieldError("callTemplate." + field, message));
        }
    }
}
