package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * How the simulated Ultravox applies an agent PATCH to the stored call template, the way
 * Ultravox's docs suggest ("only the fields you want to change"): objects are merged member by
 * member, a {@code null} unsets a field (as protobuf JSON reads it), arrays and other values
 * replace the stored ones. Setting one member of a protobuf {@code oneof} clears its siblings.
 */
final class CallTemplateMerge {

    /** Template fields that hold a protobuf oneof: at most one of these members is set. */
    private static final Map<String, Set<String>> ONE_OFS = Map.of(
            "firstSpeakerSettings", Set.of("agent", "user"),
            "medium", Set.of("webRtc", "twilio", "serverWebSocket", "telnyx", "plivo", "exotel", "sip"));

    private CallTemplateMerge() {
    }

    /** {@code changes} merged into a copy of {@code current} (either may be null). */
    static ObjectNode merge(ObjectNode current, ObjectNode changes) {
        ObjectNode result = current == null ? JsonNodeFactory.instance.objectNode() : current.deepCopy();
        return changes == null ? result : mergeInto(result, changes, Set.of(), ONE_OFS);
    }

    /**
     * @param oneOf        members of {@code target} that exclude each other
     * @param oneOfsBelow  which members of {@code target} hold a oneof themselves
     */
    private static ObjectNode mergeInto(ObjectNode target, ObjectNode changes, Set<String> oneOf,
            Map<String, Set<String>> oneOfsBelow) {
        changes.fields().forEachRemaining(e -> {
            String field = e.getKey();
            JsonNode value = e.getValue();
            if (value.isNull()) {
                target.remove(field);
                return;
            }
            if (oneOf.contains(field)) {
                oneOf.stream().filter(sibling -> !sibling.equals(field)).forEach(target::remove);
            }
            if (value instanceof ObjectNode object) {
                ObjectNode existing = target.get(field) instanceof ObjectNode o ? o
                        : JsonNodeFactory.instance.objectNode();
                target.set(field, mergeInto(existing, object, oneOfsBelow.getOrDefault(field, Set.of()), Map.of()));
            } else {
                target.set(field, value.deepCopy());
            }
        });
        return target;
    }
}
