package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Error answers shaped like Twilio's: {@code code}, {@code message}, {@code more_info} and
 * {@code status} (which the Twilio SDK reads as the exception's status code).
 */
final class TwilioErrors {

    private TwilioErrors() {
    }

    static Response error(int status, int code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Response badRequest(int code, String message) {
        return error(400, code, message);
    }

    static Response unauthorized() {
        return Response.fromResponse(error(401, 20003, "Authenticate"))
                .header("WWW-Authenticate", "Basic realm=\"Twilio API\"").build();
    }

    static Response notFound(String path) {
        return error(404, 20404, "The requested resource " + path + " was not found");
    }

    static Response tooManyRequests() {
        return error(429, 20429, "Too Many Requests");
    }

    static Response internal() {
        return error(500, 20500, "An internal server error occurred.");
    }
}
