package dev.callbridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Benchmark settings, each a system property ({@code -Dbench.NAME=...}) with a default.
 */
record Settings(Path jar, Path output, long ultravoxLatencyMillis, long twilioLatencyMillis, int phaseSeconds,
        List<WarmupStep> warmup, List<Integer> rates, List<Integer> searchRates, int searchSeconds,
        double overheadFloorP99Millis, List<String> jvmFlags, int stubPort, int callbridgePort,
        Optional<Path> modernJavaHome, List<String> variants, boolean epoll, int histogramDigits,
        boolean postgresDurable, ConnectPhase connect) {

    static Settings fromSystemProperties(Path jar, Path output) {
        return new Settings(jar, output,
                num("ultravoxLatencyMs", 150), num("twilioLatencyMs", 250),
                (int) num("phaseSeconds", 15), warmup(System.getProperty("bench.warmup", "200:20,400:40")),
                ints("rates", "50,200,500"), ints("searchRates", "300,400,500,600,700,800,1000"),
                (int) num("searchSeconds", 10), num("overheadFloorP99Ms", 10),
                List.of(System.getProperty("bench.jvmFlags", "-Xms64m -Xmx128m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=5000").trim().split("\\s+")),
                (int) num("stubPort", 18990), (int) num("port", 18991), modernJdk(),
                List.of(System.getProperty("bench.variants", "all").trim().split("\\s*,\\s*")),
                !"nio".equalsIgnoreCase(System.getProperty("bench.stubTransport", "epoll").trim()),
                (int) num("histogramDigits", 5),
                !"false".equalsIgnoreCase(System.getProperty("bench.postgresDurable", "true").trim()),
                new ConnectPhase((int) num("connectRate", 200), (int) num("connectSeconds", 5),
                        (int) num("connectWarmupSeconds", 3), decimal("answeredFraction", 0.3),
                        num("answerDelayMs", 1000)));
    }

    /**
     * The connect-mode phases: per mode, placements at {@code rate} for {@code seconds}, after a
     * warmup of {@code warmupSeconds} at the same rate; the Twilio stub answers {@code answeredFraction}
     * of the calls {@code answerDelayMs} after accepting them.
     */
    record ConnectPhase(int rate, int seconds, int warmupSeconds, double answeredFraction, long answerDelayMs) {

        ConnectPhase {
            if (rate * Math.max(seconds, warmupSeconds) > PlacementNumbers.CAPACITY) {
                throw new IllegalArgumentException("A connect-mode phase has at most " + PlacementNumbers.CAPACITY
                        + " placements: lower bench.connectRate or bench.connectSeconds");
            }
            if (!(answeredFraction >= 0 && answeredFraction <= 1)) {
                throw new IllegalArgumentException("bench.answeredFraction must lie in [0, 1]");
            }
        }

        String describe() {
            return ConnectModes.ALL + " each " + rate + " calls/s for " + seconds + " s after " + warmupSeconds
                    + " s of warmup; the Twilio stub answers " + Math.round(answeredFraction * 100) + "% of calls "
                    + answerDelayMs + " ms after accepting them";
        }
    }

    /** Whether the variant named {@code name} is to run ({@code bench.variants}, default all). */
    boolean runs(String name) {
        return variants.contains("all") || variants.contains(name);
    }

    long injectedMillis() {
        return ultravoxLatencyMillis + twilioLatencyMillis;
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ultravoxCreateCallLatencyMs", ultravoxLatencyMillis);
        m.put("twilioCreateCallLatencyMs", twilioLatencyMillis);
        m.put("phaseSeconds", phaseSeconds);
        m.put("warmup", String.join(", ", warmup.stream().map(WarmupStep::describe).toList()));
        m.put("rates", rates);
        m.put("searchRates", searchRates);
        m.put("searchSeconds", searchSeconds);
        m.put("sustainableMeans", "p99 overhead <= " + overheadFloorP99Millis + " ms and zero failed requests");
        m.put("callbridgeJvmFlags", String.join(" ", jvmFlags));
        m.put("stubAndLoadGeneratorTransport", epoll ? "epoll where available" : "nio");
        m.put("latencyHistogramDigits", histogramDigits);
        m.put("postgresCommits", postgresDurable ? "durable" : "unsynchronised");
        m.put("connectModes", connect.describe());
        return m;
    }

    /**
     * One warmup step. The per-call code runs once per call, and HotSpot compiles a method with
     * C2 only after about 15,000 invocations, so measuring after a few thousand calls mostly
     * measures the JIT (seen: overhead p50 2.9 ms after 4,000 calls, 1.4-1.7 ms after 20,000).
     * The first step is gentle because cold code is slow enough to reach the in-flight cap.
     */
    record WarmupStep(int rate, int seconds) {

        String describe() {
            return rate + " calls/s for " + seconds + " s";
        }
    }

    /** {@code "200:20,400:40"}: 200 calls/s for 20 s, then 400 calls/s for 40 s. */
    static List<WarmupStep> warmup(String spec) {
        return Arrays.stream(spec.split(",")).map(String::trim).filter(step -> !step.isEmpty())
                .map(step -> step.split(":"))
                .map(parts -> new WarmupStep(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())))
                .toList();
    }

    private static long num(String name, long fallback) {
        return Long.parseLong(System.getProperty("bench." + name, Long.toString(fallback)).trim());
    }

    private static double decimal(String name, double fallback) {
        return Double.parseDouble(System.getProperty("bench." + name, Double.toString(fallback)).trim());
    }

    private static List<Integer> ints(String name, String fallback) {
        return Arrays.stream(System.getProperty("bench." + name, fallback).split(","))
                .map(String::trim).map(Integer::valueOf).toList();
    }

    /** A JDK 21+ for the virtual-thread variant: {@code bench.modernJavaHome}, else one under /usr/lib/jvm. */
    private static Optional<Path> modernJdk() {
        String configured = System.getProperty("bench.modernJavaHome");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        if (Runtime.version().feature() >= 21) {
            return Optional.of(Path.of(System.getProperty("java.home")));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .filter(p -> p.getFileName().toString().matches(".*-(2[1-9]|[3-9][0-9])[.-].*"))
                    .sorted()
                    .findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
