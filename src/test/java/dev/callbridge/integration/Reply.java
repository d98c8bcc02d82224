package dev.callbridge.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * One answer of Callbridge: status, headers, body and how long it took.
 *
 * @param text the body as sent
 * @param took time from sending the request to the end of the answer
 */
public record Reply(int status, HttpHeaders headers, String text, Duration took) {

    /** The body as JSON, or a missing node when it is empty or not JSON. */
    public JsonNode json() {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return CallbridgeApi.JSON.readTree(text);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    /** A header's first value. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** A text field of the JSON body, or null. */
    public String field(String name) {
        JsonNode value = json().path(name);
        return value.isValueNode() ? value.asText() : null;
    }

    /** Status and body, with any join URL masked: in real mode it admits anyone to the call. */
    @Override
    public String toString() {
        return "HTTP " + status + " " + (text == null ? "" : text.replaceAll("(\"joinUrl\"\\s*:\\s*\")[^\"]*", "$1***"));
    }
}
