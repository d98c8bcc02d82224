package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * Error answers shaped like Ultravox's (Django REST Framework): {@code {"detail": "..."}} for
 * auth, not-found, throttling and parse errors, {@code {"field": ["..."]}} for validation.
 */
final class DrfErrors {

    private DrfErrors() {
    }

    static Response detail(int status, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("detail", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    /** 400 with one list of messages per rejected field. */
    static Response fields(Map<String, List<String>> errors) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        errors.forEach((field, messages) -> messages.forEach(body.putArray(field)::add));
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Response field(String field, String message) {
        return fields(Map.of(field, List.of(message)));
    }

    /** DRF's answer for a URL no view serves. */
    static Response notFound() {
        return detail(404, "Not found.");
    }

    static Response notFound(String model) {
        return detail(404, "No " + model + " matches the given query.");
    }

    static Response throttled(long retryAfterSeconds, String why) {
        return Response.fromResponse(detail(429, why + " Expected available in " + retryAfterSeconds + " seconds."))
                .header("Retry-After", retryAfterSeconds).build();
    }
}
