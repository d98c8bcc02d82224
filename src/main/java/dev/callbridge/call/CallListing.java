package dev.callbridge.call;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.PageSize;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reads the query parameters of {@code GET /api/v1/calls}, reporting every invalid one at once. */
final class CallListing {

    /** Longest agent id accepted as a filter (Ultravox ids are UUIDs). */
    private static final int MAX_AGENT_ID = 128;

    private CallListing() {
    }

    /**
     * The ledger query the parameters describe; blank parameters are absent.
     *
     * @throws ApiProblemException 400 with a field error per invalid parameter
     */
    static LedgerQuery query(String agentId, String status, String direction, String since, String cursor,
            String pageSize) {
        List<FieldError> errors = new ArrayList<>();
        String agent = blankToNull(agentId);
        if (agent != null && agent.length() > MAX_AGENT_ID) {
            errors.add(new FieldError("agentId", "must have at most " + MAX_AGENT_ID + " characters"));
        }
        CallPlacement.State state = null;
        if (blankToNull(status) != null) {
            state = CallPlacement.State.fromWire(status.trim()).orElse(null);
            if (state == null) {
                errors.add(new FieldError("status", "must be one of " + Arrays.stream(CallPlacement.State.values())
                        .map(CallPlacement.State::wire).collect(Collectors.joining(", "))));
            }
        }
        CallPlacement.Direction way = parseDirection(blankToNull(direction), errors);
        Instant from = parseSince(blankToNull(since), errors);
        LedgerCursor after = parseCursor(blankToNull(cursor), errors);
        int size = PageSize.read(blankToNull(pageSize), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation(errors);
        }
        return new LedgerQuery(agent, state, way, from, after, size);
    }

    private static CallPlacement.Direction parseDirection(String direction, List<FieldError> errors) {
        if (direction == null) {
            return null;
        }
        for (CallPlacement.Direction way : CallPlacement.Direction.values()) {
            if (way.wire().equals(direction.trim())) {
                return way;
            }
        }
        errors.add(new FieldError("direction", "must be one of outbound, inbound"));
        return null;
    }

    private static Instant parseSince(String since, List<FieldError> errors) {
        if (since == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("since", "must be an RFC 3339 date-time such as 2026-06-01T12:00:00Z"));
            return null;
        }
    }

    private static LedgerCursor parseCursor(String cursor, List<FieldError> errors) {
        if (cursor == null) {
            return null;
        }
        try {
            return LedgerCursor.decode(cursor);
        } catch (IllegalArgumentException | ArithmeticException e) {
            errors.add(new FieldError("cursor", "is not a cursor from a previous page's 'next'"));
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
