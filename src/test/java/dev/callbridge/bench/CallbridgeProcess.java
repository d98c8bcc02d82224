package dev.callbridge.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The packaged Callbridge jar started in prod mode as a child process, pointed at the
 * benchmark stubs; knows how long it took from process start to a ready probe.
 */
final class CallbridgeProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final double startupMillis;

    private CallbridgeProcess(Process process, int port, double startupMillis) {
        this.process = process;
        this.port = port;
        this.startupMillis = startupMillis;
    }

    static CallbridgeProcess start(Path javaHome, List<String> jvmFlags, Path jar, int port, Map<String, String> env,
            Path log) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        // Run from the jar's folder: an AppCDS archive only applies to that launch layout.
        ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        waitUntilReady(process, port, Duration.ofSeconds(60));
        double millis = (System.nanoTime() - started) / 1e6;
        return new CallbridgeProcess(process, port, millis);
    }

    private static void waitUntilReady(Process process, int port, Duration limit)
            throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Callbridge exited during startup with code " + process.exitValue());
            }
            try {
                if (Loopback.status(port, "/q/health/ready", Duration.ofSeconds(1)) == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IOException("Callbridge was not ready within " + limit);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    double startupMillis() {
        return startupMillis;
    }

    /** The Prometheus text of Callbridge's /q/metrics. */
    String metrics() {
        try {
            return Loopback.get(port, "/q/metrics");
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    /** Heap in use (MiB) as Callbridge reports it on /q/metrics. */
    double heapUsedMiB() {
        try {
            String metrics = metrics();
            double bytes = metrics.lines()
                    .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                    .sum();
            return bytes / (1024 * 1024);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
