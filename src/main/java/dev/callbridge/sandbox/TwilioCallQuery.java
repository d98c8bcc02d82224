package dev.callbridge.sandbox;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The filters and paging of Twilio's {@code GET .../Calls.json}: {@code To}, {@code From},
 * {@code ParentCallSid} and {@code Status} match exactly; {@code StartTime}/{@code EndTime} with
 * {@code <} and {@code >} narrow by the call's start and end ({@link TwilioTimeWindow}), so a call
 * still queued, which has no start time, is left out by any start filter, as on Twilio. Paging:
 * {@code PageSize} (default 50, 1 to 1000), {@code Page} (the index, for the envelope; alone it
 * pages by offset), {@code PageToken} (the position, from a previous answer's page URIs).
 *
 * @param filters  the filter parameters given, in the order page URIs repeat them
 * @param page     the page index the client named
 * @param token    the position named by {@code PageToken}, or null
 */
record TwilioCallQuery(Map<String, String> filters, TwilioTimeWindow started, TwilioTimeWindow ended, int pageSize,
        int page, ListCursor token) {

    /** Either a query or Twilio's 400 answer. */
    record Outcome(TwilioCallQuery query, Response error) {
        static Outcome refused(String message) {
            return new Outcome(null, TwilioErrors.badRequest(INVALID_PARAMETER, message));
        }
    }

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    /** Twilio's generic error of the Calls resource, which the simulator uses for every bad parameter. */
    static final int INVALID_PARAMETER = 21200;
    static final List<String> FILTERS = List.of("To", "From", "ParentCallSid", "Status",
            "StartTime", "StartTime<", "StartTime>", "EndTime", "EndTime<", "EndTime>");
    static final Set<String> STATUSES = Set.of("queued", "ringing", "in-progress", "canceled", "completed", "failed",
            "busy", "no-answer");

    static Outcome read(MultivaluedMap<String, String> params) {
        Map<String, String> filters = new LinkedHashMap<>();
        FILTERS.forEach(name -> Optional.ofNullable(params.getFirst(name)).ifPresent(v -> filters.put(name, v)));
        String status = filters.get("Status");
        if (status != null && !STATUSES.contains(status)) {
            return Outcome.refused("Status must be one of " + String.join(", ", STATUSES.stream().sorted().toList())
                    + "; got " + status + ".");
        }
        Optional<TwilioTimeWindow> started = window(filters, "StartTime");
        Optional<TwilioTimeWindow> ended = window(filters, "EndTime");
        if (started.isEmpty() || ended.isEmpty()) {
            return Outcome.refused("StartTime and EndTime filters take a date (YYYY-MM-DD) or a date-time "
                    + "(YYYY-MM-DDTHH:MM:SS), in UTC.");
        }
        Integer pageSize = number(params.getFirst("PageSize"), DEFAULT_PAGE_SIZE);
        if (pageSize == null || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            return Outcome.refused("PageSize must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
        }
        Integer page = number(params.getFirst("Page"), 0);
        if (page == null || page < 0) {
            return Outcome.refused("Page must be a whole number, 0 or more.");
        }
        String rawToken = params.getFirst("PageToken");
        Optional<ListCursor> token = rawToken == null ? Optional.empty() : TwilioPageTokens.decode(rawToken);
        if (rawToken != null && token.isEmpty()) {
            return Outcome.refused("Invalid PageToken: use the page URIs of a previous answer.");
        }
        return new Outcome(new TwilioCallQuery(filters, started.get(), ended.get(), pageSize, page,
                token.orElse(null)), null);
    }

    /** Index of the page's first call in the whole list, as the envelope's {@code start} reports it. */
    long start() {
        return (long) page * pageSize;
    }

    /** Whether {@code call} of account {@code accountSid} passes every filter. */
    boolean matches(String accountSid, SimulatedTwilioCall call) {
        return call.accountSid().equals(accountSid)
                && matches("To", call.to()) && matches("From", call.from())
                && matches("ParentCallSid", call.parentCallSid()) && matches("Status", call.status())
                && (started.equals(TwilioTimeWindow.ALWAYS) || started.contains(call.startTime()))
                && (ended.equals(TwilioTimeWindow.ALWAYS) || ended.contains(call.endTime()));
    }

    private boolean matches(String filter, String value) {
        String wanted = filters.get(filter);
        return wanted == null || Objects.equals(wanted, value);
    }

    /** The window the three filters named {@code base} leave open; empty when one value is unreadable. */
    private static Optional<TwilioTimeWindow> window(Map<String, String> filters, String base) {
        Optional<TwilioTimeWindow> window = Optional.of(TwilioTimeWindow.ALWAYS);
        for (String operator : List.of("", "<", ">")) {
            String value = filters.get(base + operator);
            if (value != null) {
                window = window.flatMap(w -> w.narrowed(operator, value));
            }
        }
        return window;
    }

    private static Integer number(String raw, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
