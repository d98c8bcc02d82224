package dev.callbridge.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU used over one phase by Callbridge, the stubs, the load generator and, when the variant
 * has one, the PostgreSQL server (the postmaster and all its children), as shares of the machine.
 */
final class CpuSampler {

    private static final Path PROC = Path.of("/proc");

    private final long appPid;
    private final long stubPid;
    private final OptionalLong databasePid;
    private final double app0;
    private final double stub0;
    private final double self0;
    private final double database0;
    private final long started = System.nanoTime();

    private CpuSampler(long appPid, long stubPid, OptionalLong databasePid) {
        this.appPid = appPid;
        this.stubPid = stubPid;
        this.databasePid = databasePid;
        this.app0 = ProcessStats.cpuSeconds(appPid);
        this.stub0 = ProcessStats.cpuSeconds(stubPid);
        this.self0 = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
        this.database0 = databaseSeconds();
    }

    static CpuSampler start(long appPid, long stubPid, OptionalLong databasePid) {
        return new CpuSampler(appPid, stubPid, databasePid);
    }

    /** Shares of all cores (1.0 = every core busy for the whole phase), to three decimals. */
    Map<String, Object> stop() {
        double wall = (System.nanoTime() - started) / 1e9;
        double capacity = wall * Runtime.getRuntime().availableProcessors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callbridge", BenchmarkMain.round3((ProcessStats.cpuSeconds(appPid) - app0) / capacity));
        m.put("stubs", BenchmarkMain.round3((ProcessStats.cpuSeconds(stubPid) - stub0) / capacity));
        m.put("loadGenerator", BenchmarkMain.round3(
                (ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - self0) / capacity));
        if (databasePid.isPresent()) {
            m.put("postgres", BenchmarkMain.round3((databaseSeconds() - database0) / capacity));
        }
        return m;
    }

    private double databaseSeconds() {
        return databasePid.isPresent() ? ProcessTree.cpuSeconds(PROC, databasePid.getAsLong()) : 0;
    }
}
