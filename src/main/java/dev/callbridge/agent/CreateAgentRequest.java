package dev.callbridge.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /api/v1/agents}.
 *
 * @param name         1–64 letters, digits, {@code _} or {@code -} (Ultravox's rule)
 * @param callTemplate Ultravox call template; fields Callbridge does not know are passed on as they are
 */
public record CreateAgentRequest(
        @NotNull(message = "is required")
        @Pattern(regexp = AgentRules.NAME_PATTERN, message = AgentRules.NAME_MESSAGE)
        String name,
        @NotNull(message = "is required")
        ObjectNode callTemplate) {
}
