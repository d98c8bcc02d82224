package dev.callbridge.bench;

import static dev.callbridge.bench.ProcStatTest.statLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessTreeTest {

    @TempDir
    Path proc;

    private void process(long pid, long parent, long utime, long stime, long cutime, long cstime) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        // Replaced in one step, as a reader may be reading it meanwhile.
        Path next = Files.writeString(dir.resolve("stat.next"), statLine(pid, "postgres", parent, utime, stime, cutime,
                cstime));
        Files.move(next, dir.resolve("stat"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void addsTheRootItsDescendantsAndWhatEachHasReapedButNoOtherProcess() throws IOException {
        process(100, 1, 10, 5, 30, 0);   // postmaster: own 15, reaped 30
        process(101, 100, 200, 100, 0, 0); // a backend
        process(102, 100, 1, 1, 0, 0);   // checkpointer
        process(103, 101, 4, 0, 2, 0);   // a grandchild
        process(200, 1, 5000, 5000, 0, 0); // Callbridge: not part of the database
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("uptime"), "1 1\n");

        assertThat(ProcessTree.cpuSeconds(proc, 100)).isCloseTo((15 + 30 + 300 + 2 + 6) / 100.0, within(1e-9));
    }

    @Test
    void aChildThatExitsBetweenReadingsIsNeitherLostNorCountedTwice() throws IOException {
        process(100, 1, 10, 0, 0, 0);
        process(101, 100, 50, 0, 0, 0);
        double before = ProcessTree.cpuSeconds(proc, 100);

        // The backend used 20 more ticks, exited, and the postmaster waited for it.
        Files.delete(proc.resolve("101").resolve("stat"));
        Files.delete(proc.resolve("101"));
        process(100, 1, 10, 0, 70, 0);

        assertThat(ProcessTree.cpuSeconds(proc, 100) - before).isCloseTo(0.20, within(1e-9));
    }

    @Test
    void aPassDuringWhichTheRootReapedAChildIsNotSettledAndIsRepeated() throws IOException {
        process(100, 1, 10, 0, 0, 0);
        process(101, 100, 30, 0, 0, 0);
        AtomicBoolean reaped = new AtomicBoolean();
        // Between reading the root and listing the others, the postmaster waits for its backend.
        Runnable reap = () -> {
            if (reaped.compareAndSet(false, true)) {
                try {
                    process(100, 1, 10, 0, 30, 0);
                    Files.delete(proc.resolve("101").resolve("stat"));
                    Files.delete(proc.resolve("101"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };

        assertThat(ProcessTree.read(proc, 100, reap)).isEqualTo(new ProcessTree.Reading(0.10, false));
        reaped.set(false);
        process(100, 1, 10, 0, 0, 0);
        process(101, 100, 30, 0, 0, 0);
        assertThat(ProcessTree.cpuSeconds(proc, 100, reap)).isCloseTo(0.40, within(1e-9));
    }

    @Test
    void answersMinusOneWhenTheRootIsGone() {
        assertThat(ProcessTree.cpuSeconds(proc, 4711)).isEqualTo(-1);
    }

    @Test
    void readsThisJvmFromTheRealProc() {
        assertThat(ProcessTree.cpuSeconds(Path.of("/proc"), ProcessHandle.current().pid())).isPositive();
    }
}
