package dev.callbridge.ultravox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/**
 * An agent as Ultravox returns it. The call template stays raw JSON so fields Callbridge
 * does not know about survive a round trip untouched.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UltravoxAgent(
        String agentId,
        String publishedRevisionId,
        String name,
        OffsetDateTime created,
        ObjectNode callTemplate,
        JsonNode statistics) {
}
