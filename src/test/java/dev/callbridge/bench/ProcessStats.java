package dev.callbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a Linux process's resident memory and CPU time from /proc. */
final class ProcessStats {

    private ProcessStats() {
    }

    /** Resident set size in MiB. */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU seconds consumed so far by the process itself (all its threads). */
    static double cpuSeconds(long pid) {
        return ProcStat.read(Path.of("/proc"), pid).map(ProcStat::ownSeconds).orElse(-1.0);
    }
}
