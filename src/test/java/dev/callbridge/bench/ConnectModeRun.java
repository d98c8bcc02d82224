package dev.callbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connect-mode phases of one variant: per mode, placements at a constant rate, each to a
 * number of its own, while the Twilio stub records when each create arrived, answers a share of
 * the calls by posting the signed connect webhook, and counts the Ultravox calls created. Figures
 * per mode: time to ring ({@link RingTimes}), the connect webhook's latency with and without the
 * Ultravox stub's hold, and Ultravox calls created per 100 placements.
 */
final class ConnectModeRun {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    /** How long after a phase the answered calls' webhooks may take, beyond the answer delay. */
    private static final Duration WEBHOOK_DRAIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LoadGenerator load;
    private final Settings settings;
    private final int stubPort;
    private final int callbridgePort;

    ConnectModeRun(LoadGenerator load, Settings settings, int stubPort, int callbridgePort) {
        this.load = load;
        this.settings = settings;
        this.stubPort = stubPort;
        this.callbridgePort = callbridgePort;
    }

    /** Runs every mode, inline first; answers the variant's {@code connectModes} entry. */
    Map<String, Object> run() throws IOException, InterruptedException {
        Settings.ConnectPhase phase = settings.connect();
        Map<String, Object> answering = new LinkedHashMap<>();
        answering.put("callbridgePort", callbridgePort);
        answering.put("authToken", Variant.TWILIO_AUTH_TOKEN);
        answering.put("fraction", phase.answeredFraction());
        answering.put("delayMs", phase.answerDelayMs());
        Loopback.post(stubPort, VendorStubs.ANSWERING_PATH, JSON.writeValueAsString(answering));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("offeredRate", phase.rate());
        out.put("seconds", phase.seconds());
        out.put("warmupSeconds", phase.warmupSeconds());
        out.put("answeredFraction", phase.answeredFraction());
        out.put("answerDelayMs", phase.answerDelayMs());
        out.put("ultravoxLatencyMs", settings.ultravoxLatencyMillis());
        out.put("twilioLatencyMs", settings.twilioLatencyMillis());
        out.put("physicalLimitMs", settings.injectedMillis());
        List<Map<String, Object>> modes = new ArrayList<>();
        for (String mode : ConnectModes.ALL) {
            modes.add(mode(mode, phase));
        }
        out.put("modes", modes);
        return out;
    }

    private Map<String, Object> mode(String mode, Settings.ConnectPhase phase)
            throws IOException, InterruptedException {
        if (phase.warmupSeconds() > 0) {
            System.out.printf("   connect mode %s warmup: %d calls/s for %d s%n", mode, phase.rate(),
                    phase.warmupSeconds());
            drive(mode, phase.rate(), phase.warmupSeconds());
            awaitWebhooks(phase);
        }
        Loopback.post(stubPort, VendorStubs.RESET_PATH, "{}");
        StubClock clock = StubClock.measure(stubPort, 50);
        get(VendorStubs.LATENESS_PATH); // reads and forgets the warmup's
        System.out.printf("   connect mode %s: %d calls/s for %d s%n", mode, phase.rate(), phase.seconds());
        LoadGenerator.Result r = drive(mode, phase.rate(), phase.seconds());
        Map<String, Object> connects = awaitWebhooks(phase);
        // The placements' own latency; no overhead figure, since the modes wait for different vendors.
        Map<String, Object> out = PhaseReport.of(r, 0, Double.MAX_VALUE);
        out.keySet().removeIf(key -> key.startsWith("overhead") || key.equals("withinFloor"));
        out.put("mode", mode);
        Map<String, Object> stubClock = new LinkedHashMap<>();
        stubClock.put("stubOffsetMicros", clock.offsetNanos() / 1000);
        stubClock.put("uncertaintyMicros", clock.uncertaintyNanos() / 1000);
        out.put("clock", stubClock);
        out.put("ring", RingTimes.of(r, PlacementNumbers::to, rings(), clock, settings.injectedMillis()));
        out.put("connect", ConnectFigures.of(connects));
        out.put("created", ConnectFigures.created(get(VendorStubs.COUNTS_PATH), r.succeeded()));
        out.put("stubLateness", get(VendorStubs.LATENESS_PATH));
        System.out.printf("      ok=%d failed=%d ring=%s connect=%s created=%s%n", r.succeeded(), r.failed(),
                out.get("ring"), out.get("connect"), out.get("created"));
        return out;
    }

    private LoadGenerator.Result drive(String mode, int rate, int seconds) throws InterruptedException {
        List<LoadGenerator.Request> requests = ConnectModes.requests(mode, rate * seconds);
        return load.run(requests::get, LoadGenerator.CREATED, rate, seconds, DRAIN);
    }

    /** Waits until every webhook the stub scheduled has its answer (or the drain ends); answers the stub's report. */
    private Map<String, Object> awaitWebhooks(Settings.ConnectPhase phase) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(phase.answerDelayMs()).plus(WEBHOOK_DRAIN).toNanos();
        Map<String, Object> report = get(VendorStubs.CONNECTS_PATH);
        while (pending(report) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            report = get(VendorStubs.CONNECTS_PATH);
        }
        return report;
    }

    private static long pending(Map<String, Object> report) {
        return ((Number) report.get("scheduled")).longValue() - ((Number) report.get("finished")).longValue();
    }

    private Map<String, long[]> rings() throws IOException, InterruptedException {
        Map<String, long[]> rings = new LinkedHashMap<>();
        Map<String, Object> raw = get(VendorStubs.RINGS_PATH);
        raw.forEach((to, times) -> {
            List<?> pair = (List<?>) times;
            rings.put(to, new long[] {((Number) pair.get(0)).longValue(), ((Number) pair.get(1)).longValue()});
        });
        return rings;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> get(String path) throws IOException, InterruptedException {
        return JSON.readValue(Loopback.get(stubPort, path), Map.class);
    }
}
