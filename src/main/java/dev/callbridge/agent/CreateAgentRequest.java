package dev.callbridge.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/agents}.
 *
 * @param name         1–64 letters, digits, {@code _} or {@code -} (Ultravox's rule)
 * @param callTemplate Ultravox call template; fields Callbridge does not know are passed on as they are
 */
@Schema(name = "CreateAgentRequest", description = "An agent to create.")
public record CreateAgentRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = AgentRules.NAME_PATTERN, message = AgentRules.NAME_MESSAGE)
        @Schema(description = "1-64 letters, digits, `_` or `-`", examples = "reminder_bot")
        String name,
        @NotNull(message = "is required")
        @Schema(implementation = Map.class, additionalProperties = Schema.True.class,
                description = "An Ultravox call template. Callbridge checks `systemPrompt` (required, at most 50,000 characters), "
                + "`temperature` (0-1), durations such as `maxDuration`/`joinTimeout` (seconds strings like \"600s\"), "
                + "`firstSpeakerSettings` (exactly one of `agent`/`user`) and `selectedTools`; "
                + "other fields (`voice`, `languageHint`, `recordingEnabled`, ...) are passed to Ultravox unchanged.")
        ObjectNode callTemplate) {
}
