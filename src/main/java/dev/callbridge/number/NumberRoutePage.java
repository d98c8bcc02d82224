package dev.callbridge.number;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/numbers}: one page of the API key's routes, in number order.
 *
 * @param next cursor of the following page ({@code ?cursor=}), null on the last
 */
@Schema(name = "NumberRoutePage", description = "One page of routed numbers, in number order.")
public record NumberRoutePage(
        @Schema(required = true) List<NumberRouteView> results,
        @Schema(nullable = true, description = "Cursor of the following page (`?cursor=`); null on the last page")
        String next) {
}
