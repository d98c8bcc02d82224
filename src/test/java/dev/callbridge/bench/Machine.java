package dev.callbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the benchmark ran on. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> describe(Settings settings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        m.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("runtimeJdk", javaVersion(Path.of(System.getProperty("java.home"))));
        settings.modernJavaHome().ifPresent(home -> m.put("modernJdk", javaVersion(home)));
        m.put("callbridgeJvmFlags", String.join(" ", settings.jvmFlags()));
        m.put("note", "load generator, vendor stubs and Callbridge share this machine");
        return m;
    }

    static String javaVersion(Path javaHome) {
        String version = firstValue(javaHome.resolve("release"), "JAVA_VERSION");
        String vendor = firstValue(javaHome.resolve("release"), "IMPLEMENTOR");
        return (vendor.isEmpty() ? "" : vendor.replace("\"", "") + " ") + version.replace("\"", "")
                + " (" + javaHome + ")";
    }

    private static String firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(l.contains(":") ? ':' : '=') + 1).trim())
                    .findFirst().orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
