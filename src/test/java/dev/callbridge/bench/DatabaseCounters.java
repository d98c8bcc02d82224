package dev.callbridge.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL's cumulative counters for one database at one moment: per normalised statement
 * text, the calls and execution time {@code pg_stat_statements} recorded. Two readings around a
 * phase give what the database did per placement.
 */
record DatabaseCounters(Map<String, Statement> byQuery) {

    /** How many statements of the report's per-statement breakdown are kept. */
    static final int TOP_STATEMENTS = 6;

    /** One normalised statement's cumulative calls and execution milliseconds. */
    record Statement(long calls, double execMillis) {
    }

    /**
     * What happened between {@code before} and this reading, divided by the {@code placements}
     * made in between (calls placed, answered 201): statements and execution milliseconds per placement,
     * and the statements run most often with their calls per placement. The figures are null
     * when there were no placements to divide by.
     */
    Map<String, Object> perPlacementSince(DatabaseCounters before, long placements) {
        long statements = 0;
        double execMillis = 0;
        List<Map.Entry<String, Long>> calls = new ArrayList<>();
        for (Map.Entry<String, Statement> e : byQuery.entrySet()) {
            Statement earlier = before.byQuery().getOrDefault(e.getKey(), new Statement(0, 0));
            long delta = e.getValue().calls() - earlier.calls();
            statements += delta;
            execMillis += e.getValue().execMillis() - earlier.execMillis();
            if (delta > 0) {
                calls.add(Map.entry(e.getKey(), delta));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("placements", placements);
        m.put("statements", statements);
        m.put("statementsPerPlacement", per(statements, placements));
        m.put("execMsPerPlacement", per(execMillis, placements));
        m.put("topStatements", top(calls, placements));
        return m;
    }

    private static List<Map<String, Object>> top(List<Map.Entry<String, Long>> calls, long placements) {
        return calls.stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP_STATEMENTS)
                .map(e -> {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("statement", shortText(e.getKey()));
                    s.put("calls", e.getValue());
                    s.put("perPlacement", per(e.getValue(), placements));
                    return s;
                }).toList();
    }

    /** A statement on one line, cut to a length a table cell can hold. */
    static String shortText(String sql) {
        String line = sql.replaceAll("\\s+", " ").trim();
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static Double per(double amount, long placements) {
        return placements <= 0 ? null : Math.round(amount / placements * 1000) / 1000.0;
    }
}
