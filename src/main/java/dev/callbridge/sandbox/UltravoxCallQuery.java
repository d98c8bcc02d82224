package dev.callbridge.sandbox;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The filters of Ultravox's {@code GET /api/calls}, read the way its Django filter set reads
 * them: {@code metadata.<key>=<value>} (any number, all must match), {@code fromDate} and
 * {@code toDate} (inclusive, on the call's creation time), {@code agentIds} (repeated or
 * comma-separated) and {@code sort} ({@code created} for oldest first; newest first otherwise,
 * since DRF drops an ordering it does not know). The other documented filters ({@code search},
 * {@code voiceId}, {@code durationMin}/{@code durationMax}, {@code timeOfDayStart}/{@code timeOfDayEnd})
 * are not simulated and ignored.
 *
 * @param metadata  the required values per metadata key
 * @param fromDate  earliest creation time, or null
 * @param toDate    latest creation time, or null
 * @param agentIds  the agents whose calls are wanted (lower-case), or empty for all
 * @param ascending oldest first rather than newest first
 */
record UltravoxCallQuery(Map<String, List<String>> metadata, Instant fromDate, Instant toDate, Set<String> agentIds,
        boolean ascending) {

    /** Either a query or Ultravox's 400 answer with one message list per rejected parameter. */
    record Outcome(UltravoxCallQuery query, Response error) {
    }

    static final String METADATA_PREFIX = "metadata.";
    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$", Pattern.CASE_INSENSITIVE);

    static Outcome read(MultivaluedMap<String, String> params) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        Instant from = time(params, "fromDate", false, errors);
        Instant to = time(params, "toDate", true, errors);
        Set<String> agents = agentIds(params.get("agentIds"), errors);
        if (!errors.isEmpty()) {
            return new Outcome(null, DrfErrors.fields(errors));
        }
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(METADATA_PREFIX)) {
                metadata.put(name.substring(METADATA_PREFIX.length()), List.copyOf(values));
            }
        });
        boolean ascending = "created".equals(last(params, "sort"));
        return new Outcome(new UltravoxCallQuery(metadata, from, to, agents, ascending), null);
    }

    boolean matches(SimulatedUltravoxCall call) {
        Instant created = call.created();
        if ((fromDate != null && created.isBefore(fromDate)) || (toDate != null && created.isAfter(toDate))) {
            return false;
        }
        if (!agentIds.isEmpty() && !agentIds.contains(call.agentId())) {
            return false;
        }
        return metadata.entrySet().stream()
                .allMatch(required -> hasMetadata(call, required.getKey(), required.getValue()));
    }

    private static boolean hasMetadata(SimulatedUltravoxCall call, String key, List<String> values) {
        String actual = call.metadata(key);
        return values.stream().allMatch(value -> value.equals(actual));
    }

    /** Django's QueryDict answers the last value of a repeated single-valued parameter. */
    private static String last(MultivaluedMap<String, String> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
    }

    private static Instant time(MultivaluedMap<String, String> params, String name, boolean endOfDay,
            Map<String, List<String>> errors) {
        String value = last(params, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return UltravoxTimes.queryTime(value, endOfDay).orElseGet(() -> {
            errors.put(name, List.of("Enter a valid date/time."));
            return null;
        });
    }

    private static Set<String> agentIds(List<String> values, Map<String, List<String>> errors) {
        Set<String> ids = new LinkedHashSet<>();
        boolean invalid = false;
        for (String value : values == null ? List.<String>of() : values) {
            for (String id : value.split(",")) {
                String trimmed = id.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (UUID.matcher(trimmed).matches()) {
                    ids.add(canonical(trimmed));
                } else {
                    invalid = true;
                }
            }
        }
        if (invalid) {
            errors.put("agentIds", List.of("Enter a valid UUID."));
        }
        return ids;
    }

    /** Lower-case with dashes, as the simulator writes agent ids. */
    private static String canonical(String uuid) {
        String hex = uuid.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
