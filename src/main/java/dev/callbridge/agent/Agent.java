package dev.callbridge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.ultravox.UltravoxAgent;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An agent as Callbridge returns it, in Ultravox's own vocabulary.
 *
 * @param callTemplate the full template, including fields Callbridge does not interpret
 */
@Schema(name = "Agent", description = "An Ultravox agent.")
public record Agent(
        @Schema(required = true, description = "Ultravox's id of the agent",
                examples = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90")
        String agentId,
        @Schema(required = true, examples = "reminder_bot")
        String name,
        @Schema(nullable = true, description = "Ultravox's id of the agent's published revision")
        String publishedRevisionId,
        @Schema(implementation = String.class, format = "date-time", description = "When the agent was created")
        OffsetDateTime created,
        @Schema(required = true, implementation = Map.class, additionalProperties = Schema.True.class,
                description = "The whole Ultravox call template, including fields Callbridge does not interpret")
        ObjectNode callTemplate,
        @Schema(nullable = true, implementation = Map.class, additionalProperties = Schema.True.class,
                description = "Ultravox's usage statistics of the agent, such as `calls`")
        JsonNode statistics) {

    static Agent from(UltravoxAgent a) {
        return new Agent(a.agentId(), a.name(), a.publishedRevisionId(), a.created(), a.callTemplate(),
                a.statistics());
    }
}
