package dev.callbridge.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Samples Callbridge's RSS (from /proc, every 250 ms) and heap in use (from /q/metrics, every
 * 2 s) during a phase and keeps the peaks.
 */
final class MemorySampler {

    private static final long RSS_INTERVAL_MILLIS = 250;
    private static final long HEAP_EVERY = 8;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile double peakRss;
    private volatile double peakHeap;

    private MemorySampler(CallbridgeProcess app) {
        thread = new Thread(() -> {
            long samples = 0;
            while (running.get()) {
                peakRss = Math.max(peakRss, ProcessStats.rssMiB(app.pid()));
                // The heap figure costs Callbridge a full /q/metrics scrape; every 2 s is plenty
                // for a peak and keeps the sampler's own load on Callbridge small.
                if (samples++ % HEAP_EVERY == 0) {
                    peakHeap = Math.max(peakHeap, app.heapUsedMiB());
                }
                try {
                    Thread.sleep(RSS_INTERVAL_MILLIS);
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
