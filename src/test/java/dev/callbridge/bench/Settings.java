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
        int warmupRate, int warmupSeconds, List<Integer> rates, List<Integer> searchRates, int searchSeconds,
        double overheadFloorP99Millis, List<String> jvmFlags, int stubPort, int callbridgePort,
        Optional<Path> modernJavaHome, List<String> variants) {

    static Settings fromSystemProperties(Path jar, Path output) {
        return new Settings(jar, output,
                num("ultravoxLatencyMs", 150), num("twilioLatencyMs", 250),
                (int) num("phaseSeconds", 15), (int) num("warmupRate", 200), (int) num("warmupSeconds", 20),
                ints("rates", "50,200,500"), ints("searchRates", "300,400,500,600,700,800,1000"),
                (int) num("searchSeconds", 10), num("overheadFloorP99Ms", 10),
                List.of(System.getProperty("bench.jvmFlags", "-Xms64m -Xmx192m -XX:+UseParallelGC").trim().split("\\s+")),
                (int) num("stubPort", 18990), (int) num("port", 18991), modernJdk(),
                List.of(System.getProperty("bench.variants", "all").trim().split("\\s*,\\s*")));
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
        m.put("warmup", warmupRate + " calls/s for " + warmupSeconds + " s");
        m.put("rates", rates);
        m.put("searchRates", searchRates);
        m.put("searchSeconds", searchSeconds);
        m.put("sustainableMeans", "p99 overhead <= " + overheadFloorP99Millis + " ms and zero failed requests");
        m.put("callbridgeJvmFlags", String.join(" ", jvmFlags));
        return m;
    }

    private static long num(String name, long fallback) {
        return Long.parseLong(System.getProperty("bench." + name, Long.toString(fallback)).trim());
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
