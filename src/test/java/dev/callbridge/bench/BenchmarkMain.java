package dev.callbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The benchmark: starts the vendor stubs and the packaged Callbridge in prod mode, drives
 * {@code POST /api/v1/agents/{id}/calls} at constant offered rates, then Twilio's signed voice
 * webhook of a routed number ({@link InboundTraffic}), then the placements of each connect mode
 * ({@link ConnectModeRun}), and writes
 * {@code benchmark.md} and {@code benchmark.json} into the report folder.
 * Arguments: the runner jar, a work folder for logs, the report folder; or {@code --render}
 * and the report folder, to rewrite {@code benchmark.md} from {@code benchmark.json}.
 * Run through {@code ./mvnw -Pbench verify}; settings are system properties (see README).
 */
public final class BenchmarkMain {

    static final String API_KEY = "bench-key";
    static final String AGENT_ID = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final String AGENT_PATH = "/api/v1/agents/" + AGENT_ID + "/calls";
    /** The offered rate of the inbound phase: signed voice webhooks per second. */
    static final int INBOUND_RATE = 100;
    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** The database a postgres variant's Callbridge uses (created fresh on the variant's own server). */
    static final String DATABASE = "callbridge_bench";
    static final String CALL_BODY = "{\"to\": \"+14155552671\", \"templateContext\": {\"customer\": "
            + "{\"firstName\": \"Ada\", \"orders\": [1, 2, 3]}}, \"metadata\": {\"campaign\": \"bench\"}}";

    private final Settings settings;
    private final Vertx vertx;
    private final HttpClient client;

    private BenchmarkMain(Settings settings) {
        this.settings = settings;
        this.vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(settings.epoll()));
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(2000));
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--render")) {
            rerender(Path.of(args[1]));
            return;
        }
        Settings settings = Settings.fromSystemProperties(Path.of(args[0]), Path.of(args[1]));
        Files.createDirectories(settings.output());
        Map<String, Object> report;
        try (Stubs stubs = Stubs.start(settings)) {
            BenchmarkMain bench = new BenchmarkMain(settings);
            try {
                report = bench.runAll(stubs);
            } finally {
                bench.vertx.close().toCompletionStage().toCompletableFuture().get();
            }
        }
        Path reportDir = Path.of(args[2]);
        Files.createDirectories(reportDir);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(reportDir.resolve("benchmark.json"), json.writeValueAsString(report));
        System.out.println(writeMarkdown(report, reportDir));
        System.exit(0);
    }

    /**
     * Writes {@code benchmark.md} again from {@code benchmark.json} in {@code reportDir}, e.g.
     * after editing {@code before-after.md}; measures nothing.
     */
    private static void rerender(Path reportDir) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> report = new ObjectMapper().readValue(reportDir.resolve("benchmark.json").toFile(),
                Map.class);
        writeMarkdown(report, reportDir);
    }

    /**
     * Writes {@code benchmark.md}: the rendered report, then the hand-written before-and-after
     * notes kept beside it ({@code before-after.md}), if any. Answers what it wrote.
     */
    private static String writeMarkdown(Map<String, Object> report, Path reportDir) throws IOException {
        Path notes = reportDir.resolve("before-after.md");
        String markdown = MarkdownReport.render(report) + (Files.exists(notes) ? "\n" + Files.readString(notes) : "");
        Files.writeString(reportDir.resolve("benchmark.md"), markdown);
        return markdown;
    }

    private Map<String, Object> runAll(Stubs stubs) throws Exception {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("measuredAt", Instant.now().toString());
        report.put("machine", Machine.describe(settings));
        report.put("settings", settings.describe());
        report.put("stubTransport", stubs.transport());
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Variant variant : Variant.all(settings)) {
            variants.add(runVariant(variant, stubs));
        }
        report.put("variants", variants);
        Map<String, Object> harnessFloor = harnessFloor(stubs);
        report.put("harnessFloor", harnessFloor);
        report.put("summary", Summary.of(variants, settings, harnessFloor));
        return report;
    }

    /** Runs one variant, with a PostgreSQL of its own when it uses the postgres store. */
    private Map<String, Object> runVariant(Variant variant, Stubs stubs) throws Exception {
        System.out.println("== variant " + variant.name());
        if (!variant.usesPostgres()) {
            return runVariant(variant, stubs, Optional.empty());
        }
        try (PostgresServer server = PostgresServer.start(settings.postgresDurable())) {
            return runVariant(variant, stubs, Optional.of(server));
        }
    }

    private Map<String, Object> runVariant(Variant variant, Stubs stubs, Optional<PostgresServer> server)
            throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", variant.name());
        out.put("description", variant.description());
        out.put("javaHome", variant.javaHome().toString());
        out.put("env", variant.env());
        server.ifPresent(s -> out.put("postgres", s.describe(settings.postgresDurable())));
        int port = settings.callbridgePort();
        Path log = settings.output().resolve("callbridge-" + variant.name() + ".log");
        List<String> flags = jvmFlags(variant);
        out.put("jvmFlags", String.join(" ", flags));
        out.put("sustainableMeans", "p99 overhead <= " + variant.sustainableP99Millis(settings)
                + " ms and zero failed requests");
        if (variant.searchMaximum() && !flags.equals(settings.jvmFlags())) {
            // A database of its own, so that this start too runs the migrations on an empty one.
            Optional<Database> startupDb = server.map(s -> Database.fresh(s, DATABASE + "_startup"));
            try (CallbridgeProcess plain = CallbridgeProcess.start(variant.javaHome(), settings.jvmFlags(),
                    settings.jar(), port, env(variant, stubs, startupDb), log)) {
                out.put("startupToReadyWithoutAppCdsMillis", round(plain.startupMillis()));
            }
        }
        Optional<Database> db = server.map(s -> Database.fresh(s, DATABASE));
        try (CallbridgeProcess app = CallbridgeProcess.start(variant.javaHome(), flags,
                settings.jar(), port, env(variant, stubs, db), log)) {
            out.put("startupToReadyMillis", round(app.startupMillis()));
            Thread.sleep(2000);
            out.put("idle", memory(app));
            Target target = new Target(app, stubs, db, variant.sustainableP99Millis(settings));
            LoadGenerator load = new LoadGenerator(client, port, settings.histogramDigits());
            for (Settings.WarmupStep step : settings.warmup()) {
                phase(load, target, step.rate(), step.seconds(), "warmup");
            }
            List<Map<String, Object>> phases = new ArrayList<>();
            for (int rate : variant.rates()) {
                phases.add(phase(load, target, rate, settings.phaseSeconds(), "measured"));
            }
            out.put("phases", phases);
            if (variant.searchMaximum()) {
                out.put("maximumSearch", searchMaximum(load, target));
            }
            if (variant.measuresInbound()) {
                // After the placements, so that their figures are measured as before it existed.
                out.put("inbound", inbound(load, target));
            }
            if (variant.measuresConnectModes()) {
                // Last: the stub records every ring from here on, and answers calls.
                out.put("connectModes", new ConnectModeRun(load, settings, stubs.port(), port).run());
            }
        }
        return out;
    }

    private static Map<String, String> env(Variant variant, Stubs stubs, Optional<Database> db) {
        Map<String, String> env = variant.env(stubs.port());
        db.ifPresent(d -> env.putAll(d.env()));
        return env;
    }

    /**
     * What the load generator and a stub add on their own: one direct request to the
     * Ultravox stub at 200/s, measured last when the load generator is warm. A call through
     * Callbridge crosses three such hops (client, Ultravox, Twilio).
     */
    private Map<String, Object> harnessFloor(Stubs stubs) throws InterruptedException {
        System.out.println("== harness floor: load generator straight to the Ultravox stub");
        LoadGenerator direct = new LoadGenerator(client, stubs.port(), settings.histogramDigits());
        stubs.lateness();
        LoadGenerator.Result r = direct.run("/api/agents/" + AGENT_ID + "/calls", API_KEY, "{}",
                200, settings.phaseSeconds(), DRAIN);
        Map<String, Object> out = PhaseReport.of(r, settings.ultravoxLatencyMillis(), settings.overheadFloorP99Millis());
        out.put("stubLateness", stubs.lateness());
        return out;
    }

    /**
     * The configured flags, plus the AppCDS archive Quarkus wrote at packaging time when the
     * variant runs on the JDK that built it (an archive only fits the JVM that made it).
     */
    private List<String> jvmFlags(Variant variant) {
        List<String> flags = new ArrayList<>(settings.jvmFlags());
        Path archive = settings.jar().getParent().resolve("app-cds.jsa");
        boolean sameJdk = variant.javaHome().equals(Path.of(System.getProperty("java.home")));
        if (sameJdk && Files.exists(archive)) {
            flags.add("-XX:SharedArchiveFile=" + archive.getFileName());
        }
        return flags;
    }

    private List<Map<String, Object>> searchMaximum(LoadGenerator load, Target target) throws Exception {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int rate : settings.searchRates()) {
            Map<String, Object> step = phase(load, target, rate, settings.searchSeconds(), "search");
            steps.add(step);
            if (!Boolean.TRUE.equals(step.get("withinFloor"))) {
                break;
            }
        }
        return steps;
    }

    private Map<String, Object> phase(LoadGenerator load, Target target, int rate, int seconds, String kind)
            throws Exception {
        System.out.printf("   %s: %d calls/s for %d s%n", kind, rate, seconds);
        return measured(target, kind, settings.injectedMillis(), true,
                () -> load.run(AGENT_PATH, API_KEY, CALL_BODY, rate, seconds, DRAIN));
    }

    /**
     * Routes the number to the agent, then drives signed voice webhooks at {@link #INBOUND_RATE}
     * for the phase length, after a warmup as long as the first placement warmup step (the answer's
     * own code has not run yet). Overhead is the answer latency minus the Ultravox stub's: the one
     * vendor call on the answer's path.
     */
    private Map<String, Object> inbound(LoadGenerator load, Target target) throws Exception {
        int routed = Loopback.put(target.app().port(), InboundTraffic.routePath(), API_KEY, InboundTraffic.routeBody());
        if (routed != 200 && routed != 201) {
            throw new IOException("Routing the benchmark's number answered " + routed);
        }
        Optional<Settings.WarmupStep> warmup = settings.warmup().stream().findFirst();
        if (warmup.isPresent()) {
            int rate = warmup.get().rate();
            int seconds = warmup.get().seconds();
            System.out.printf("   inbound warmup: %d calls/s for %d s%n", rate, seconds);
            List<LoadGenerator.Request> requests = InboundTraffic.requests(Variant.TWILIO_AUTH_TOKEN, "1",
                    rate * seconds);
            LoadGenerator.Result r = load.run(requests::get, InboundTraffic.ANSWERS, rate, seconds, DRAIN);
            System.out.printf("      outcomes %s%n", r.outcomes());
        }
        int seconds = settings.phaseSeconds();
        System.out.printf("   inbound: %d calls/s for %d s%n", INBOUND_RATE, seconds);
        List<LoadGenerator.Request> requests = InboundTraffic.requests(Variant.TWILIO_AUTH_TOKEN, "2",
                INBOUND_RATE * seconds);
        Map<String, Object> out = measured(target, "inbound", settings.ultravoxLatencyMillis(), false,
                () -> load.run(requests::get, InboundTraffic.ANSWERS, INBOUND_RATE, seconds, DRAIN));
        out.put("ultravoxLatencyMs", settings.ultravoxLatencyMillis());
        out.put("warmup", warmup.map(Settings.WarmupStep::describe).orElse("none"));
        return out;
    }

    /** One phase of load, what it cost the processes, and, with {@code stageMeans}, the placement's stages. */
    private Map<String, Object> measured(Target target, String kind, long injectedMillis, boolean stageMeans,
            Drive drive) throws Exception {
        CallbridgeProcess app = target.app();
        CpuSampler cpu = CpuSampler.start(app.pid(), target.stubs().pid(),
                target.db().map(d -> OptionalLong.of(d.server().postmasterPid())).orElse(OptionalLong.empty()));
        MemorySampler memory = MemorySampler.start(app);
        StageMeans stages = StageMeans.start(app.metrics());
        Optional<DatabaseCounters> before = target.counters();
        target.stubs().lateness();
        LoadGenerator.Result r = drive.run();
        Map<String, Object> out = PhaseReport.of(r, injectedMillis, target.sustainableP99Millis());
        out.put("kind", kind);
        out.put("cpuShare", cpu.stop());
        out.put("memoryUnderLoad", memory.stop());
        if (stageMeans) {
            out.put("stageMeans", stages.stop(app.metrics()));
        }
        out.put("stubLateness", target.stubs().lateness());
        if (before.isPresent()) {
            // Per placed (inbound: connected) call: a request refused at the door never reaches the ledger.
            out.put("database", target.counters().orElseThrow().perPlacementSince(before.get(), r.succeeded()));
        }
        System.out.printf("      ok=%d failed=%d p50=%s p99=%s overhead p99=%s%n", r.succeeded(), r.failed(),
                out.get("p50Ms"), out.get("p99Ms"), out.get("overheadP99Ms"));
        return out;
    }

    /** Runs one phase's load. */
    @FunctionalInterface
    private interface Drive {
        LoadGenerator.Result run() throws InterruptedException;
    }

    private static Map<String, Object> memory(CallbridgeProcess app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rssMiB", round(ProcessStats.rssMiB(app.pid())));
        m.put("heapUsedMiB", round(app.heapUsedMiB()));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /**
     * What one phase drives and watches: Callbridge, the stubs and, for the postgres store, its
     * database; and the p99 overhead up to which a rate counts as sustainable.
     */
    private record Target(CallbridgeProcess app, Stubs stubs, Optional<Database> db, double sustainableP99Millis) {

        Optional<DatabaseCounters> counters() throws SQLException {
            return db.isEmpty() ? Optional.empty() : Optional.of(db.get().server().counters(db.get().name()));
        }
    }

    /** A fresh database on the variant's PostgreSQL, and the settings that point Callbridge at it. */
    private record Database(PostgresServer server, String name, Map<String, String> env) {

        static Database fresh(PostgresServer server, String name) {
            return new Database(server, name, server.newDatabase(name));
        }
    }

    /** The stub process and its port. */
    record Stubs(Process process, int port, String transport) implements AutoCloseable {

        static Stubs start(Settings settings) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    VendorStubs.class.getName(), Integer.toString(settings.stubPort()),
                    Long.toString(settings.ultravoxLatencyMillis()), Long.toString(settings.twilioLatencyMillis()),
                    settings.epoll() ? "epoll" : "nio")
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String transport = "unknown";
            while ((line = out.readLine()) != null) {
                if (line.startsWith(VendorStubs.TRANSPORT_LINE)) {
                    transport = line.substring(VendorStubs.TRANSPORT_LINE.length());
                } else if (line.startsWith("STUBS READY")) {
                    return new Stubs(p, settings.stubPort(), transport);
                }
            }
            throw new IOException("Vendor stubs did not start");
        }

        long pid() {
            return process.pid();
        }

        /** How late the stubs' delayed answers were since the last call (p50, p99 ms); resets them. */
        Map<String, Object> lateness() {
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = new ObjectMapper().readValue(Loopback.get(port, VendorStubs.LATENESS_PATH),
                        Map.class);
                return m;
            } catch (IOException | InterruptedException e) {
                return Map.of("error", e.toString());
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
