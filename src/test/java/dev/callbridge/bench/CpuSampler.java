package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** CPU used by Callbridge, the stubs and the load generator over one phase, as a share of the machine. */
final class CpuSampler {

    private final long appPid;
    private final long stubPid;
    private final double app0;
    private final double stub0;
    private final double self0;
    private final long started = System.nanoTime();

    private CpuSampler(long appPid, long stubPid) {
        this.appPid = appPid;
        this.stubPid = stubPid;
        this.app0 = ProcessStats.cpuSeconds(appPid);
        this.stub0 = ProcessStats.cpuSeconds(stubPid);
        this.self0 = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
    }

    static CpuSampler start(long appPid, long stubPid) {
        return new CpuSampler(appPid, stubPid);
    }

    /** Shares of all cores (1.0 = every core busy for the whole phase). */
    Map<String, Object> stop(int ignoredSeconds) {
        double wall = (System.nanoTime() - started) / 1e9;
        double capacity = wall * Runtime.getRuntime().availableProcessors();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("callbridge", BenchmarkMain.round((ProcessStats.cpuSeconds(appPid) - app0) / capacity));
        m.put("stubs", BenchmarkMain.round((ProcessStats.cpuSeconds(stubPid) - stub0) / capacity));
        m.put("loadGenerator", BenchmarkMain.round(
                (ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - self0) / capacity));
        return m;
    }
}
