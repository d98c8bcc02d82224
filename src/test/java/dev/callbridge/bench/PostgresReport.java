package dev.callbridge.bench;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown of the postgres variant: its floors beside the memory variant, and the database per phase. */
final class PostgresReport {

    private static final String NONE = "—";

    private PostgresReport() {
    }

    /** The comparison section: floors met or not, and every phase beside the memory variant's. */
    @SuppressWarnings("unchecked")
    static void render(StringBuilder md, Map<String, Object> comparison, Map<String, Object> variant) {
        Map<String, Object> pg = (Map<String, Object>) variant.get("postgres");
        Object memory = comparison.get("comparedWith");
        md.append("## Postgres variant beside the memory variant (same run)\n\n")
                .append("Callbridge with `CALLBRIDGE_STORE=postgres` on PostgreSQL ").append(pg.get("version"))
                .append(" (this machine, ").append(pg.get("commits")).append("), compared with ")
                .append(memory == null ? "no memory variant (baseline did not run)" : "`" + memory + "`")
                .append(" and with the harness floor (one hop, no Callbridge, 200/s), all measured in this run. ")
                .append("A ratio is the postgres figure divided by the other one.\n\n");
        md.append("| Floor | Measured | Result | Harness floor | ÷ harness floor (limit ÷ harness floor) "
                + "| Memory variant | ÷ memory variant |\n|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> f : (List<Map<String, Object>>) comparison.get("floors")) {
            String unit = " " + f.get("unit");
            md.append("| ").append(f.get("floor")).append(" | ").append(withUnit(f.get("measured"), unit))
                    .append(" | ").append(Boolean.TRUE.equals(f.get("met")) ? "met" : "**NOT met**")
                    .append(" | ").append(withUnit(f.get("harnessFloor"), unit))
                    .append(" | ").append(or(f.get("perHarnessFloor")))
                    .append(f.get("limitPerHarnessFloor") == null ? "" : " (" + f.get("limitPerHarnessFloor") + ")")
                    .append(" | ").append(withUnit(f.get("memoryVariant"), unit))
                    .append(" | ").append(or(f.get("perMemoryVariant"))).append(" |\n");
        }
        md.append("\nMaximum sustainable rate (the highest rate of a phase or search step within the bound): ")
                .append(comparison.get("maxSustainableRate")).append(" calls/s with postgres (")
                .append(or(comparison.get("sustainableMeans"))).append("), ")
                .append(or(comparison.get("memoryMaxSustainableRate"))).append(" calls/s with memory (")
                .append(or(comparison.get("memorySustainableMeans"))).append("). ")
                .append("\"Sustained with zero errors\" is the highest offered rate of a measured phase or search ")
                .append("step with no failed request and at least 97% of it achieved.\n\n");
        phases(md, (List<Map<String, Object>>) comparison.get("phases"));
    }

    private static void phases(StringBuilder md, List<Map<String, Object>> phases) {
        md.append("| kind | offered/s | failed: postgres / memory | overhead p50 ms: postgres / memory "
                + "| p50 ÷ memory | p50 ÷ harness floor | overhead p99 ms: postgres / memory | p99 ÷ memory "
                + "| p99 ÷ harness floor | CPU Callbridge: postgres / memory | CPU PostgreSQL "
                + "| statements / placement | database execution ms / placement |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> p : phases) {
            md.append("| ").append(p.get("kind")).append(" | ").append(p.get("offeredRate"))
                    .append(" | ").append(p.get("failed")).append(" / ").append(or(p.get("memoryFailed")))
                    .append(" | ").append(p.get("overheadP50Ms")).append(" / ").append(or(p.get("memoryP50Ms")))
                    .append(" | ").append(or(p.get("p50PerMemoryVariant")))
                    .append(" | ").append(or(p.get("p50PerHarnessFloor")))
                    .append(" | ").append(p.get("overheadP99Ms")).append(" / ").append(or(p.get("memoryP99Ms")))
                    .append(" | ").append(or(p.get("p99PerMemoryVariant")))
                    .append(" | ").append(or(p.get("p99PerHarnessFloor")))
                    .append(" | ").append(p.get("cpuCallbridge")).append(" / ").append(or(p.get("memoryCpuCallbridge")))
                    .append(" | ").append(or(p.get("cpuPostgres")))
                    .append(" | ").append(or(p.get("statementsPerPlacement")))
                    .append(" | ").append(or(p.get("execMsPerPlacement"))).append(" |\n");
        }
        md.append('\n');
    }

    /** Under a postgres variant's own table: the database's CPU and work per phase. */
    @SuppressWarnings("unchecked")
    static void database(StringBuilder md, Map<String, Object> variant, List<Map<String, Object>> rows) {
        Map<String, Object> pg = (Map<String, Object>) variant.get("postgres");
        md.append("PostgreSQL ").append(pg.get("version")).append(", ").append(pg.get("commits"))
                .append(", shared_buffers ").append(pg.get("sharedBuffers"))
                .append(". CPU is the postmaster and all its children (read from /proc), as a share of the machine; ")
                .append("per placement means per call placed (201); statements counted by ")
                .append(pg.get("queriesMeasuredBy")).append(".\n\n");
        md.append("| kind | offered/s | CPU PostgreSQL | CPU Callbridge | statements / placement "
                + "| database execution ms / placement | most frequent statements (per placement) |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Map<String, Object> p : rows) {
            Map<String, Object> cpu = (Map<String, Object>) p.get("cpuShare");
            Map<String, Object> db = (Map<String, Object>) p.getOrDefault("database", Map.of());
            md.append("| ").append(p.get("kind")).append(" | ").append(p.get("offeredRate"))
                    .append(" | ").append(or(cpu.get("postgres"))).append(" | ").append(cpu.get("callbridge"))
                    .append(" | ").append(or(db.get("statementsPerPlacement")))
                    .append(" | ").append(or(db.get("execMsPerPlacement")))
                    .append(" | ").append(top((List<Map<String, Object>>) db.getOrDefault("topStatements", List.of())))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static String top(List<Map<String, Object>> statements) {
        if (statements.isEmpty()) {
            return NONE;
        }
        return statements.stream()
                .map(s -> "`" + s.get("statement").toString().replace("|", "\\|").replace("`", "'") + "` "
                        + s.get("perPlacement"))
                .collect(Collectors.joining("; "));
    }

    private static String withUnit(Object value, String unit) {
        return value == null ? NONE : value + unit;
    }

    private static String or(Object value) {
        return value == null ? NONE : value.toString();
    }
}
