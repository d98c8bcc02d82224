package dev.callbridge.agent;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of agents.
 *
 * @param next     cursor for the following page ({@code ?cursor=}), null on the last page
 * @param previous cursor for the page before, null on the first page
 * @param total    total number of agents, when Ultravox reports it
 */
@Schema(name = "AgentPage", description = "One page of agents, with the cursors of its neighbours.")
public record AgentPage(
        @Schema(required = true) List<Agent> results,
        @Schema(nullable = true, description = "Cursor of the following page (`?cursor=`); null on the last page")
        String next,
        @Schema(nullable = true, description = "Cursor of the page before; null on the first page")
        String previous,
        @Schema(nullable = true, description = "Total number of agents, when Ultravox reports it")
        Integer total) {
}
