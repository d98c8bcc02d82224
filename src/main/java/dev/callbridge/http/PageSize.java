package dev.callbridge.http;

import java.util.List;

/**
 * The {@code pageSize} query parameter of Callbridge's own listings (calls, number routes, webhook
 * deliveries): 50 when absent, a whole number from 1 to 200 otherwise.
 */
public final class PageSize {

    /** Entries per page when {@code pageSize} is absent. */
    public static final int DEFAULT = 50;
    /** Most entries per page. */
    public static final int MAX = 200;

    private PageSize() {
    }

    /**
     * The page size {@code text} asks for ({@link #DEFAULT} when null or empty); when it is not
     * one, a field error is added to {@code errors} and {@link #DEFAULT} returned, so that every
     * invalid parameter is reported at once.
     */
    public static int read(String text, List<FieldError> errors) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        try {
            int size = Integer.parseInt(text);
            if (size >= 1 && size <= MAX) {
                return size;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("pageSize", "must be a whole number from 1 to " + MAX));
        return DEFAULT;
    }
}
