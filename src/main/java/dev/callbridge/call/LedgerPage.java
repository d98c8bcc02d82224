package dev.callbridge.call;

import java.util.List;

/**
 * A page of the ledger, newest first.
 *
 * @param next the cursor of the following page, null when this is the last
 */
record LedgerPage(List<CallPlacement> placements, LedgerCursor next) {

    /** The page of at most {@code pageSize} out of {@code matches}, which holds up to one more. */
    static LedgerPage of(List<CallPlacement> matches, int pageSize) {
        if (matches.size() <= pageSize) {
            return new LedgerPage(List.copyOf(matches), null);
        }
        List<CallPlacement> page = List.copyOf(matches.subList(0, pageSize));
        return new LedgerPage(page, LedgerCursor.after(page.get(page.size() - 1)));
    }
}
