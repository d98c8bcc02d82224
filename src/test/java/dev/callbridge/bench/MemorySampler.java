package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Samples Callbridge's RSS and heap every half second during a phase and keeps the peaks. */
final class MemorySampler {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile double peakRss;
    private volatile double peakHeap;

    private MemorySampler(CallbridgeProcess app) {
        thread = new Thread(() -> {
            while (running.get()) {
                peakRss = Math.max(peakRss, ProcessStats.rssMiB(app.pid()));
                peakHeap = Math.max(peakHeap, app.heapUsedMiB());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static MemorySampler start(CallbridgeProcess app) {
        return new MemorySampler(app);
    }

    Map<String, Object> stop() throws InterruptedException {
        running.set(false);
        thread.interrupt();
        thread.join(2000);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("peakRssMiB", BenchmarkMain.round(peakRss));
        m.put("peakHeapUsedMiB", BenchmarkMain.round(peakHeap));
        return m;
    }
}
