package dev.callbridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.ultravox.UltravoxAgent;
import java.time.OffsetDateTime;

/**
 * An agent as Callbridge returns it, in Ultravox's own vocabulary.
 *
 * @param callTemplate the full template, including fields Callbridge does not interpret
 */
public record Agent(
        String agentId,
        String name,
        String publishedRevisionId,
        OffsetDateTime created,
        ObjectNode callTemplate,
        JsonNode statistics) {

    static Agent from(UltravoxAgent a) {
        return new Agent(a.agentId(), a.name(), a.publishedRevisionId(), a.created(), a.callTemplate(),
                a.statistics());
    }
}
