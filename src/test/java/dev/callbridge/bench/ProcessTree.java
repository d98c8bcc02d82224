package dev.callbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time of a process and all its descendants, read from {@code /proc}: the PostgreSQL server
 * is a postmaster plus one forked backend per connection and a few background workers, and the
 * database's share of the machine is all of them together.
 *
 * <p>The total is the root's own time and the time of the children it has reaped, plus, for
 * every live descendant, its own time and that of the children it has reaped. A child that
 * exits between two readings moves from the second part to the root's reaped time with all it
 * used (a zombie still shows its own time), so the difference of two readings loses nothing.
 * But the root, then the other processes, are read one after the other: a child reaped in
 * between would be missed, or counted twice the other way round. So the root is read again at
 * the end, and a reading during which its reaped time changed is repeated.
 */
final class ProcessTree {

    private ProcessTree() {
    }

    /** How often a reading is repeated when the root reaped a child meanwhile. */
    private static final int RETRIES = 20;

    /** CPU seconds used so far by {@code rootPid} and its descendants; -1 when it no longer runs. */
    static double cpuSeconds(Path proc, long rootPid) {
        return cpuSeconds(proc, rootPid, () -> { });
    }

    /** As {@link #cpuSeconds(Path, long)}; {@code afterRoot} runs in each pass once the root is read (for tests). */
    static double cpuSeconds(Path proc, long rootPid, Runnable afterRoot) {
        Reading reading = read(proc, rootPid, afterRoot);
        for (int i = 0; i < RETRIES && !reading.settled(); i++) {
            reading = read(proc, rootPid, afterRoot);
        }
        return reading.seconds();
    }

    /**
     * One pass over {@code proc}.
     *
     * @param settled false when the root reaped a child during the pass, so that the child may be
     *                missing from it or counted twice
     */
    record Reading(double seconds, boolean settled) {
    }

    static Reading read(Path proc, long rootPid, Runnable afterRoot) {
        Optional<ProcStat> root = ProcStat.read(proc, rootPid);
        if (root.isEmpty()) {
            return new Reading(-1, true);
        }
        afterRoot.run();
        Map<Long, List<ProcStat>> children = childrenByParent(proc);
        long ticks = 0;
        Deque<ProcStat> pending = new ArrayDeque<>(List.of(root.get()));
        while (!pending.isEmpty()) {
            ProcStat p = pending.pop();
            ticks += p.ownTicks() + p.reapedTicks();
            pending.addAll(children.getOrDefault(p.pid(), List.of()));
        }
        boolean settled = ProcStat.read(proc, rootPid).map(again -> again.reapedTicks() == root.get().reapedTicks())
                .orElse(true);
        return new Reading(ticks / ProcStat.TICKS_PER_SECOND, settled);
    }

    private static Map<Long, List<ProcStat>> childrenByParent(Path proc) {
        Map<Long, List<ProcStat>> children = new HashMap<>();
        try (Stream<Path> entries = Files.list(proc)) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.matches("[0-9]+"))
                    .map(name -> ProcStat.read(proc, Long.parseLong(name)))
                    .flatMap(Optional::stream)
                    .forEach(p -> children.computeIfAbsent(p.parentPid(), k -> new ArrayList<>()).add(p));
        } catch (IOException e) {
            return Map.of();
        }
        return children;
    }
}
