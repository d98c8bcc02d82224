package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseCountersTest {

    private static final String SAVE = "INSERT INTO call_placements (placement_id)\n   VALUES ($1)";
    private static final String PROBE = "SELECT 1";
    private static final String PURGE = "DELETE FROM call_placements WHERE expires_at <= $1";

    private static DatabaseCounters counters(Object... statementCallsMillis) {
        Map<String, DatabaseCounters.Statement> m = new LinkedHashMap<>();
        for (int i = 0; i < statementCallsMillis.length; i += 3) {
            long calls = ((Number) statementCallsMillis[i + 1]).longValue();
            double millis = ((Number) statementCallsMillis[i + 2]).doubleValue();
            m.put((String) statementCallsMillis[i], new DatabaseCounters.Statement(calls, millis));
        }
        return new DatabaseCounters(m);
    }

    @Test
    void dividesWhatHappenedBetweenTheReadingsByThePlacements() {
        DatabaseCounters before = counters(SAVE, 4_000, 400.0, PROBE, 10, 1.0);
        // 3,000 placements of four saves each, three probes, and a purge that first ran in between.
        DatabaseCounters after = counters(SAVE, 16_000, 1_600.0, PROBE, 13, 1.3, PURGE, 1, 0.7);

        Map<String, Object> m = after.perPlacementSince(before, 3_000);

        assertThat(m).containsEntry("placements", 3_000L).containsEntry("statements", 12_004L)
                .containsEntry("statementsPerPlacement", 4.001).containsEntry("execMsPerPlacement", 0.4);
        assertThat(m.get("topStatements")).isEqualTo(List.of(
                Map.of("statement", "INSERT INTO call_placements (placement_id) VALUES ($1)",
                        "calls", 12_000L, "perPlacement", 4.0),
                Map.of("statement", PROBE, "calls", 3L, "perPlacement", 0.001),
                Map.of("statement", PURGE, "calls", 1L, "perPlacement", 0.0)));
    }

    @Test
    void leavesOutStatementsThatDidNotRunAndKeepsOnlyTheMostFrequent() {
        DatabaseCounters before = counters(PROBE, 5, 0.5);
        Object[] many = new Object[3 * 9];
        for (int i = 0; i < 8; i++) {
            many[3 * i] = "SELECT column_" + i;
            many[3 * i + 1] = 10 + i;
            many[3 * i + 2] = 0;
        }
        many[24] = PROBE;
        many[25] = 5;
        many[26] = 0.5;

        Map<String, Object> m = counters(many).perPlacementSince(before, 10);

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) m.get("topStatements");
        assertThat(top).hasSize(DatabaseCounters.TOP_STATEMENTS)
                .extracting(s -> s.get("statement")).containsExactly("SELECT column_7", "SELECT column_6",
                        "SELECT column_5", "SELECT column_4", "SELECT column_3", "SELECT column_2");
        assertThat(m).containsEntry("statements", 108L);
    }

    @Test
    void hasNoPerPlacementFiguresWithoutPlacements() {
        Map<String, Object> m = counters(PROBE, 5, 1.0).perPlacementSince(counters(PROBE, 4, 0.5), 0);

        assertThat(m).containsEntry("statements", 1L).containsEntry("statementsPerPlacement", null)
                .containsEntry("execMsPerPlacement", null);
    }

    @Test
    void cutsLongStatementsToOneShortLine() {
        String text = DatabaseCounters.shortText("SELECT placement_id,\n       agent_id, to_number, from_number, "
                + "state, call_id FROM call_placements WHERE placement_id = $1");

        assertThat(text).hasSize(60).startsWith("SELECT placement_id, agent_id, to_number").endsWith("...")
                .doesNotContain("\n");
    }
}
