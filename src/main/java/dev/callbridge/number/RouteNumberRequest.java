package dev.callbridge.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code PUT /api/v1/numbers/{number}}.
 *
 * @param agentId         the agent that answers calls to the number
 * @param templateContext values for the agent's {@code {{variables}}}, merged over the caller's context
 * @param metadata        string to string, stored with each call's Ultravox call
 * @param greeting        the words the agent opens every call with
 */
@Schema(name = "RouteNumberRequest", description = "Where calls to a number go.")
public record RouteNumberRequest(
        @Schema(required = true, description = "The agent that answers calls to the number: the id of an "
                + "existing agent", examples = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90")
        String agentId,
        @Schema(implementation = Map.class, additionalProperties = Schema.True.class, nullable = true,
                description = "Values for the agent's `{{variables}}` on every call to the number: any JSON "
                        + "object within the limits of a call placement's `templateContext`. Merged over the "
                        + "caller's context, so its own `caller` or `called` values win over the ones Callbridge "
                        + "fills in")
        JsonNode templateContext,
        @Schema(description = "String to string, stored with every call's Ultravox call (at most 32 entries)")
        Map<String, String> metadata,
        @Schema(nullable = true, minLength = 1, maxLength = 500, description = "What the agent says first on every "
                + "call (1-500 characters after trimming); when absent the agent opens in its own words",
                examples = "Thank you for calling Example Dental, this is Maya. How can I help?")
        String greeting) {
}
