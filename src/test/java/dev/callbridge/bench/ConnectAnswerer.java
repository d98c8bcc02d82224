package dev.callbridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The Twilio stub's callee: answers the configured share of the calls created with an answer
 * {@code Url}, the configured delay after the stub accepted the call, by posting the signed
 * connect webhook to Callbridge's port, as Twilio does when a callee picks up. Measures each
 * webhook from sending to the end of its answer, and, apart from that, the part of it that
 * Callbridge spent waiting on the Ultravox stub for the call's agent (an {@code on-answer} call
 * creates it then): the stub's own hold of every Ultravox create that carries the placement id of
 * a webhook in flight. Lives on the stub's single event loop, so it needs no locking. Answers
 * nothing until {@link #configure configured}.
 */
final class ConnectAnswerer {

    private static final long RANGE_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final Vertx vertx;
    private HttpClient client;
    private int callbridgePort;
    private String authToken = "";
    private AnswerSchedule schedule = new AnswerSchedule(0);
    private long delayMs;
    /** Counts resets: a webhook scheduled before the last one is not part of what is measured now. */
    private long generation;
    private long dialled;
    private long scheduled;
    private long finished;
    /** Per placement whose webhook is in flight: the microseconds Ultravox creates for it were held so far. */
    private final Map<String, Long> inFlight = new HashMap<>();
    private final Map<String, Long> outcomes = new TreeMap<>();
    private final Histogram latency = new Histogram(RANGE_MICROS, 4);
    private final Histogram excess = new Histogram(RANGE_MICROS, 4);
    private final Histogram ultravoxHold = new Histogram(RANGE_MICROS, 4);

    ConnectAnswerer(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Sets Callbridge's port, the auth token to sign with, the share of calls answered and the
     * delay; forgets what was measured and restarts the schedule.
     */
    void configure(JsonObject settings) {
        if (client == null) {
            client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                    new PoolOptions().setHttp1MaxSize(500));
        }
        callbridgePort = settings.getInteger("callbridgePort");
        authToken = settings.getString("authToken");
        schedule = new AnswerSchedule(settings.getDouble("fraction"));
        delayMs = settings.getLong("delayMs");
        reset();
    }

    /** Forgets what was measured and restarts the schedule; webhooks still in flight are not counted. */
    void reset() {
        generation++;
        dialled = 0;
        scheduled = 0;
        finished = 0;
        outcomes.clear();
        latency.reset();
        excess.reset();
        ultravoxHold.reset();
    }

    /** The stub accepted {@code call}, created with the answer URL {@code url}: answers it if its turn. */
    void dialled(String url, ConnectWebhook.DialledCall call) {
        if (client == null || !schedule.answers(dialled++)) {
            return;
        }
        scheduled++;
        ConnectWebhook webhook = ConnectWebhook.of(url, authToken, call);
        long scheduledIn = generation;
        vertx.setTimer(Math.max(1, delayMs), t -> send(webhook, scheduledIn));
    }

    /** Whether any webhook is in flight: only then is an Ultravox create's placement id of interest. */
    boolean hasWebhooksInFlight() {
        return !inFlight.isEmpty();
    }

    /** Whether a webhook of {@code placementId} is in flight, so that its Ultravox wait is to be measured. */
    boolean awaitsAgent(String placementId) {
        return inFlight.containsKey(placementId);
    }

    /** The Ultravox stub held a create of {@code placementId}'s agent call for {@code micros}. */
    void ultravoxHeld(String placementId, long micros) {
        inFlight.computeIfPresent(placementId, (id, held) -> held + micros);
    }

    private void send(ConnectWebhook webhook, long scheduledIn) {
        String placementId = webhook.placementId();
        inFlight.put(placementId, 0L);
        long sent = System.nanoTime();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(callbridgePort).setURI(webhook.path()).setTimeout(30_000)
                .putHeader("Content-Type", ConnectWebhook.CONTENT_TYPE)
                .putHeader("X-Twilio-Signature", webhook.signature());
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(webhook.form())))
                .compose(resp -> resp.body().map(b -> InboundTraffic.ANSWERS.judge(resp.statusCode(), b)))
                .onComplete(ar -> {
                    long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent);
                    Long heldOrNull = inFlight.remove(placementId);
                    long held = heldOrNull == null ? 0 : heldOrNull;
                    if (scheduledIn != generation) {
                        return;
                    }
                    String outcome = ar.succeeded() ? ar.result().name()
                            : "error_" + ar.cause().getClass().getSimpleName();
                    outcomes.merge(outcome, 1L, Long::sum);
                    finished++;
                    if (ar.succeeded() && ar.result().success()) {
                        latency.recordValue(Math.min(RANGE_MICROS, micros));
                        excess.recordValue(Math.min(RANGE_MICROS, Math.max(0, micros - held)));
                        if (held > 0) {
                            ultravoxHold.recordValue(Math.min(RANGE_MICROS, held));
                        }
                    }
                });
    }

    /**
     * What was measured since the last reset, as JSON: calls dialled with an answer URL, webhooks
     * scheduled and finished (the rest is pending), their outcomes, and the latency, the Ultravox
     * hold and the latency without it (ms; only answers that connected the agent's stream).
     */
    String report() {
        StringBuilder json = new StringBuilder("{");
        json.append("\"dialled\":").append(dialled).append(",\"scheduled\":").append(scheduled)
                .append(",\"finished\":").append(finished).append(",\"outcomes\":{");
        String sep = "";
        for (Map.Entry<String, Long> e : outcomes.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":").append(e.getValue());
            sep = ",";
        }
        json.append('}');
        figures(json, "latency", latency);
        figures(json, "excess", excess);
        figures(json, "ultravoxHold", ultravoxHold);
        json.append(",\"withUltravoxHold\":").append(ultravoxHold.getTotalCount()).append('}');
        return json.toString();
    }

    private static void figures(StringBuilder json, String name, Histogram h) {
        // Locale.ROOT: a decimal comma would not be JSON.
        json.append(String.format(Locale.ROOT, ",\"%sP50Ms\":%.3f,\"%sP99Ms\":%.3f,\"%sP999Ms\":%.3f,\"%sMaxMs\":%.3f",
                name, ms(h, 50), name, ms(h, 99), name, ms(h, 99.9), name, h.getMaxValue() / 1000.0));
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }
}
