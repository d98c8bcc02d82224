package dev.callbridge.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /api/v1/agents/{agentId}}: every field optional. {@code callTemplate}
 * is merged into the current template as a JSON merge patch (RFC 7396): a field present
 * replaces the current value, a field set to {@code null} removes it, an absent field is kept.
 * The body may be sent as {@code application/json} or as {@value #MERGE_PATCH_JSON}.
 */
@Schema(name = "UpdateAgentRequest", description = "Changes to an agent; every field is optional.")
public record UpdateAgentRequest(
        @Pattern(regexp = AgentRules.NAME_PATTERN, message = AgentRules.NAME_MESSAGE)
        @Schema(description = "New name: 1-64 letters, digits, `_` or `-`", examples = "reminder_bot_v2")
        String name,
        @Schema(implementation = Map.class, additionalProperties = Schema.True.class,
                description = "A JSON merge patch (RFC 7396) of the call template: a field present replaces the "
                        + "current value, a field set to null removes it, an absent field is kept.")
        ObjectNode callTemplate) {

    /** The media type of a JSON merge patch (RFC 7396). */
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";
}
