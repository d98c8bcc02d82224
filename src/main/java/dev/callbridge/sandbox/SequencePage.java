package dev.callbridge.sandbox;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * One page of a simulated list whose items carry increasing sequence numbers (their creation
 * order), with the cursors of its neighbours (null at either end) and the size of the whole list.
 *
 * @param from index of the page's first item in the whole list
 */
record SequencePage<T>(List<T> results, int from, ListCursor next, ListCursor previous, int total) {

    /**
     * The page after (or, for a reversed cursor, before) {@code cursor}'s position; the first
     * page without one.
     *
     * @param ordered   the whole list, sorted by sequence number ({@code ascending}) or newest first
     */
    static <T> SequencePage<T> at(List<T> ordered, ToLongFunction<T> seq, ListCursor cursor, int pageSize,
            boolean ascending) {
        if (cursor == null) {
            return slice(ordered, seq, 0, pageSize);
        }
        int boundary = (int) ordered.stream()
                .filter(item -> ascending ? seq.applyAsLong(item) < cursor.position()
                        : seq.applyAsLong(item) > cursor.position())
                .count();
        if (cursor.reverse()) {
            int from = Math.max(0, boundary - pageSize);
            return slice(ordered, seq, from, boundary - from);
        }
        // The item at the cursor's position itself, when it still exists, was on the page before.
        boolean atPosition = boundary < ordered.size() && seq.applyAsLong(ordered.get(boundary)) == cursor.position();
        return slice(ordered, seq, atPosition ? boundary + 1 : boundary, pageSize);
    }

    /** The {@code pageSize} items from index {@code from} on (fewer at the end of the list). */
    static <T> SequencePage<T> slice(List<T> ordered, ToLongFunction<T> seq, int from, int pageSize) {
        int start = Math.min(from, ordered.size());
        int end = (int) Math.min(ordered.size(), (long) start + pageSize);
        List<T> page = List.copyOf(ordered.subList(start, end));
        ListCursor next = end < ordered.size() && !page.isEmpty()
                ? new ListCursor(false, seq.applyAsLong(page.get(page.size() - 1))) : null;
        ListCursor previous = start > 0 && !page.isEmpty() ? new ListCursor(true, seq.applyAsLong(page.get(0))) : null;
        return new SequencePage<>(page, start, next, previous, ordered.size());
    }
}
