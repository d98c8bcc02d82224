package dev.callbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of one {@code /proc/<pid>/stat} line the benchmark needs: who the parent is and the
 * CPU time in clock ticks, the process's own and that of its children it has waited for.
 *
 * @param ownTicks      user plus system time of the process (fields 14 and 15 of proc(5))
 * @param reapedTicks   user plus system time of its children that have exited and been waited
 *                      for (fields 16 and 17); a PostgreSQL server reaps every backend, so the
 *                      CPU of a connection that closed during a phase stays counted
 */
record ProcStat(long pid, long parentPid, long ownTicks, long reapedTicks) {

    /** Kernel clock ticks per second; 100 on the Linux configurations this runs on. */
    static final double TICKS_PER_SECOND = 100.0;

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may itself hold
     * spaces and parentheses, so the fixed fields are counted from the last {@code ')'}.
     */
    static Optional<ProcStat> parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open || close + 2 > line.length()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(line.substring(0, open).trim());
            // After the name: state is field 3, so field n of proc(5) is at index n - 3.
            String[] fields = line.substring(close + 2).trim().split(" +");
            return Optional.of(new ProcStat(pid, Long.parseLong(fields[1]),
                    Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                    Long.parseLong(fields[13]) + Long.parseLong(fields[14])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The stat of {@code pid} under {@code proc} (normally {@code /proc}); empty once it has exited. */
    static Optional<ProcStat> read(Path proc, long pid) {
        try {
            return parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    double ownSeconds() {
        return ownTicks / TICKS_PER_SECOND;
    }
}
