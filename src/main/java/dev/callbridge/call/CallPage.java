package dev.callbridge.call;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The answer of {@code GET /api/v1/calls}: one page of placements, newest first.
 *
 * @param next cursor of the following page ({@code ?cursor=}, with the same filters), null on the last
 */
@Schema(name = "CallPage", description = "One page of call placements, newest first.")
public record CallPage(
        @Schema(required = true) List<PlacementView> results,
        @Schema(nullable = true, description = "Cursor of the following page (`?cursor=`, with the same filters); "
                + "null on the last page")
        String next) {

    static CallPage of(LedgerPage page) {
        return new CallPage(page.placements().stream().map(PlacementView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
