package dev.callbridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * JSON merge patch (RFC 7396) on objects, and the body that carries a merge result to a
 * server whose own PATCH semantics are unknown.
 */
final class MergePatch {

    private MergePatch() {
    }

    /**
     * {@code patch} applied to a copy of {@code target}: null removes a member, an object is
     * merged member by member (into an empty object where the target holds none), anything
     * else replaces the member.
     */
    static ObjectNode apply(ObjectNode target, ObjectNode patch) {
        ObjectNode result = target.deepCopy();
        patch.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (value.isNull()) {
                result.remove(e.getKey());
            } else if (value instanceof ObjectNode object) {
                ObjectNode existing = result.get(e.getKey()) instanceof ObjectNode o ? o
                        : JsonNodeFactory.instance.objectNode();
                result.set(e.getKey(), apply(existing, object));
            } else {
                result.set(e.getKey(), value.deepCopy());
            }
        });
        return result;
    }

    /**
     * {@code after} whole, plus an explicit {@code null} for every member of {@code before}
     * that {@code after} no longer has, also inside objects both of them hold. Sent as a PATCH,
     * it yields {@code after} whether the server replaces the object (a null reads as unset in
     * protobuf JSON) or deep-merges it (a null removes the member).
     */
    static ObjectNode withRemovals(ObjectNode before, ObjectNode after) {
        ObjectNode result = after.deepCopy();
        before.fields().forEachRemaining(e -> {
            JsonNode now = after.get(e.getKey());
            if (now == null) {
                result.putNull(e.getKey());
            } else if (e.getValue() instanceof ObjectNode old && now instanceof ObjectNode current) {
                result.set(e.getKey(), withRemovals(old, current));
            }
        });
        return result;
    }
}
