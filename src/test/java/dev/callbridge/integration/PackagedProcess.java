package dev.callbridge.integration;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) started in prod mode as a child
 * process with the JVM flags the container image uses, for tests that need a process of its
 * own: its resident memory, its reaction to {@code SIGTERM}, its log.
 */
final class PackagedProcess implements AutoCloseable {

    /** The heap and collector of {@code docker/Dockerfile.jvm} under the k8s memory limit (512 MiB / 4). */
    static final List<String> SHIPPED_FLAGS = List.of("-Xms64m", "-Xmx128m", "-XX:+UseParallelGC",
            "-XX:TrimNativeHeapInterval=5000");

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar with {@code env} on a free loopback port and waits until it is live. */
    static PackagedProcess start(Map<String, String> env, String logName) throws IOException, InterruptedException {
        PackagedProcess started = launch(env, logName);
        started.awaitLive(Duration.ofSeconds(60));
        return started;
    }

    /**
     * Starts the jar with {@code env} on a free loopback port without waiting for it. Logs are
     * plain lines unless {@code env} sets {@code CALLBRIDGE_LOG_JSON}.
     */
    static PackagedProcess launch(Map<String, String> env, String logName) throws IOException {
        int port = freePort();
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        Path log = Path.of("target", logName).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(SHIPPED_FLAGS);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CALLBRIDGE_LOG_JSON", "false");
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        return new PackagedProcess(builder.start(), port, log);
    }

    /** The exit code, once the process has exited within {@code limit}; fails otherwise. */
    int exitCode(Duration limit) throws InterruptedException, IOException {
        if (!waitFor(limit)) {
            throw new IOException("The jar did not exit within " + limit + "; see " + log);
        }
        return process.exitValue();
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Status of {@code GET path}, or -1 when nothing answered within 5 s. */
    int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Peak resident set of the process so far, in MiB ({@code VmHWM}). */
    long peakRssMiB() throws IOException {
        return statusField("VmHWM:") / 1024;
    }

    /** Resident set now, in MiB ({@code VmRSS}). */
    long rssMiB() throws IOException {
        return statusField("VmRSS:") / 1024;
    }

    /** Sends SIGTERM, as Kubernetes does. */
    void terminate() {
        process.destroy();
    }

    /** Sends SIGKILL: the process dies at once, wherever its work was, and runs no shutdown code. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean waitFor(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private long statusField(String name) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(l -> l.startsWith(name))
                .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                .findFirst().orElse(-1);
    }

    private void awaitLive(Duration limit) throws IOException, InterruptedException {
        awaitStatus("/q/health/live", 200, limit);
    }

    /** Polls {@code GET path} every 50 ms until it answers {@code expected}; fails after {@code limit}. */
    void awaitStatus(String path, int expected, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("The jar exited during startup; see " + log);
            }
            if (status(path) == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException(path + " did not answer " + expected + " within " + limit + "; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
