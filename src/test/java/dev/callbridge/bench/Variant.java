package dev.callbridge.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration of Callbridge under test: which JDK runs it and which settings differ, the
 * placement rates it is driven at, whether the maximum rate is searched for, and whether the
 * inbound answer and the connect modes are measured.
 */
record Variant(String name, String description, Path javaHome, Map<String, String> env, List<Integer> rates,
        boolean searchMaximum, boolean measuresInbound, boolean measuresConnectModes) {

    /** Twilio connection pool as configured for production. */
    static final String CONFIGURED_POOL = "400";
    /** The Twilio SDK's own default: 20 connections per route. */
    static final String SDK_DEFAULT_POOL = "20";
    /** What Callbridge checks Twilio's signatures with, and the benchmark signs its webhooks with. */
    static final String TWILIO_AUTH_TOKEN = "bench-twilio-token";

    static List<Variant> all(Settings s) {
        Path runtime = Path.of(System.getProperty("java.home"));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("baseline", "default settings: Twilio SDK on the worker pool, pool of "
                + CONFIGURED_POOL + " connections", runtime,
                env("worker-pool", CONFIGURED_POOL), s.rates(), true, true, true));
        // Second, so that it runs soon after baseline, which it is compared with, on a machine whose speed drifts.
        variants.add(new Variant("postgres", "as baseline, with the stores in PostgreSQL (CALLBRIDGE_STORE=postgres) "
                + "on this machine, a fresh database for the run; the load sends no Idempotency-Key, so what it adds "
                + "is the call ledger's writes", runtime,
                postgres(env("worker-pool", CONFIGURED_POOL)), s.rates(), true, true, true));
        variants.add(new Variant("sdk-pool-default", "as baseline, Twilio SDK pool at its default of 20 per route",
                runtime, env("worker-pool", SDK_DEFAULT_POOL), List.of(200), false, false, false));
        s.modernJavaHome().ifPresent(jdk -> {
            variants.add(new Variant("worker-pool-modern-jdk", "worker pool, on the JDK 21+ runtime", jdk,
                    env("worker-pool", CONFIGURED_POOL), List.of(200, 500), false, false, false));
            variants.add(new Variant("virtual-threads", "Twilio SDK on virtual threads (JDK 21+ runtime)", jdk,
                    env("virtual-threads", CONFIGURED_POOL), List.of(200, 500), false, false, false));
        });
        variants.removeIf(v -> !s.runs(v.name()));
        return variants;
    }

    private static Map<String, String> env(String offload, String pool) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TWILIO_OFFLOAD", offload);
        env.put("TWILIO_MAX_CONNECTIONS", pool);
        return env;
    }

    private static Map<String, String> postgres(Map<String, String> env) {
        env.put("CALLBRIDGE_STORE", "postgres");
        return env;
    }

    /**
     * The p99 overhead up to which a rate counts as sustainable (and the search goes on): the
     * store's own floor for postgres, whose ledger writes add to every placement; else the setting.
     */
    double sustainableP99Millis(Settings s) {
        return usesPostgres() ? PostgresComparison.P99_LIMIT_MS : s.overheadFloorP99Millis();
    }

    /** Whether Callbridge keeps its state in PostgreSQL: the benchmark then starts one for it. */
    boolean usesPostgres() {
        return "postgres".equals(env.get("CALLBRIDGE_STORE"));
    }

    /** The full environment for a Callbridge process talking to stubs on {@code stubPort}. */
    Map<String, String> env(int stubPort) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("CALLBRIDGE_API_KEYS", BenchmarkMain.API_KEY);
        all.put("ULTRAVOX_API_KEY", "bench-ultravox-key");
        all.put("ULTRAVOX_BASE_URL", "http://127.0.0.1:" + stubPort);
        all.put("TWILIO_ACCOUNT_SID", InboundTraffic.ACCOUNT_SID);
        all.put("TWILIO_AUTH_TOKEN", TWILIO_AUTH_TOKEN);
        all.put("TWILIO_PHONE_NUMBER", "+14155550100");
        all.put("TWILIO_BASE_URL", "http://127.0.0.1:" + stubPort);
        all.put("CALLBRIDGE_SANDBOX_ENABLED", "false");
        // Serves the voice webhook (and, as in production, has placements request status callbacks).
        all.put("CALLBRIDGE_PUBLIC_BASE_URL", InboundTraffic.PUBLIC_BASE_URL);
        // As in docker/Dockerfile.jvm: fewer glibc malloc arenas keep the resident set small.
        all.put("MALLOC_ARENA_MAX", "2");
        all.putAll(env);
        return all;
    }
}
