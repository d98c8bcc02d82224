package dev.callbridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The template context an inbound call offers its agent: {@code caller} (number, name, city,
 * state, zip, country) and {@code called} (number, city, state, zip, country), with the route's
 * own {@code templateContext} merged over it. Every caller and called value is present, as an
 * empty string when Twilio did not send it, so an agent that mentions {@code {{caller.city}}}
 * never fails for a call from an unknown place.
 */
final class CallerContext {

    private CallerContext() {
    }

    /** The context of {@code call}, with {@code route} (a JSON object, or null) merged over it. */
    static JsonNode of(InboundCall call, JsonNode route) {
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        ObjectNode caller = location(context.putObject("caller"), call.callerNumber(), call.caller());
        caller.put("name", call.caller().name());
        location(context.putObject("called"), call.calledNumber().orElse(call.to()), call.called());
        if (route != null && route.isObject()) {
            merge(context, (ObjectNode) route);
        }
        return context;
    }

    private static ObjectNode location(ObjectNode node, String number, InboundCall.Location where) {
        node.put("number", number);
        node.put("city", where.city());
        node.put("state", where.state());
        node.put("zip", where.zip());
        node.put("country", where.country());
        return node;
    }

    /** Merges {@code over} into {@code base}: objects key by key, anything else replaced. */
    static void merge(ObjectNode base, ObjectNode over) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = over.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overObject) {
                merge(existingObject, overObject);
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
