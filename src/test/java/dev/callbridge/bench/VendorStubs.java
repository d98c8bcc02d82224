package dev.callbridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Benchmark stand-ins for Ultravox and Twilio: valid answers after a fixed latency, on
 * non-blocking timers, so that they are never the bottleneck. Uses the epoll transport where
 * available: its timers fire within about 0.15 ms, while NIO's round up to the next
 * millisecond (measured: 0.64 ms late at the median), which would be counted as overhead.
 * Runs in its own process (see {@link #main}) so its CPU use can be measured apart from
 * Callbridge's. Once configured for the connect-mode phases, it also records when each Twilio
 * create arrived, counts the calls created, and answers a share of the calls created with an
 * answer URL by posting Callbridge's connect webhook ({@link ConnectAnswerer}).
 *
 * <p>Usage: {@code VendorStubs <port> <ultravoxLatencyMs> <twilioLatencyMs> [epoll|nio]}.
 */
public final class VendorStubs {

    /** How the join URL of every call the stub creates begins. */
    static final String JOIN_URL_PREFIX = "wss://stub.invalid/calls/";
    private static final String CALL_JSON = """
            {"callId":"%s","agentId":"%s","joinUrl":"wss://stub.invalid/calls/%s","created":"2026-01-01T00:00:00Z",\
            "joined":null,"ended":null,"endReason":null,"metadata":{}}""";
    /** An agent as Ultravox answers {@code GET /api/agents/{id}}: a route write asks whether it exists. */
    private static final String AGENT_JSON = """
            {"agentId":"%s","publishedRevisionId":null,"name":"bench","created":"2026-01-01T00:00:00Z",\
            "callTemplate":{"systemPrompt":"You answer the phone.","created":"2026-01-01T00:00:00Z",\
            "updated":"2026-01-01T00:00:00Z"},"statistics":{"calls":0}}""";
    private static final String TWILIO_JSON = """
            {"sid":"%s","account_sid":"%s","status":"queued","to":"%s","from":"%s",\
            "date_created":"Thu, 01 Jan 2026 00:00:00 +0000","date_updated":"Thu, 01 Jan 2026 00:00:00 +0000",\
            "direction":"outbound-api","api_version":"2010-04-01","duration":null}""";

    /** Printed at startup, followed by {@code epoll} or {@code nio}. */
    static final String TRANSPORT_LINE = "stub transport: ";
    /** Answers, and then forgets, how late the delayed answers were sent since the last ask. */
    static final String LATENESS_PATH = "/_stub/lateness";
    /**
     * How much later than the injected latency each delayed answer left, in microseconds.
     * Only touched on the stub's single event loop. A timer cannot fire early, so this is
     * part of every measured overhead and is reported beside it.
     */
    private static final Histogram LATENESS = new Histogram(TimeUnit.SECONDS.toMicros(10), 5);

    /** Answers the stub's {@link System#nanoTime}, to place its records on the load generator's clock. */
    static final String CLOCK_PATH = "/_stub/clock";
    /** Configures the callee ({@link ConnectAnswerer#configure}, a JSON body), starts recording rings, resets. */
    static final String ANSWERING_PATH = "/_stub/answering";
    /** Forgets the rings, the counts and the callee's measurements. */
    static final String RESET_PATH = "/_stub/reset";
    /** Answers, per {@code To}, when the Twilio create arrived and when the stub accepted it (its nanoTime). */
    static final String RINGS_PATH = "/_stub/rings";
    /** Answers how many Ultravox and Twilio calls were created since the last reset. */
    static final String COUNTS_PATH = "/_stub/counts";
    /** Answers the callee's measurements ({@link ConnectAnswerer#report}). */
    static final String CONNECTS_PATH = "/_stub/connects";
    /** The Ultravox metadata key Callbridge puts a call's placement id under. */
    private static final String PLACEMENT_ID_METADATA = "callbridge.placementId";

    /**
     * Per {@code To} of a Twilio create: when it arrived and when the stub accepted it. Recorded
     * only once the callee is configured (the connect-mode phases), so that the long placement
     * phases before do not fill the heap; only touched on the event loop.
     */
    private static final Map<String, long[]> RINGS = new HashMap<>();
    private static boolean recordingRings;
    private static long ultravoxCreates;
    private static long twilioCreates;
    private static ConnectAnswerer answerer;

    private VendorStubs() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long ultravoxMs = Long.parseLong(args[1]);
        long twilioMs = Long.parseLong(args[2]);
        boolean epoll = args.length < 4 || !"nio".equals(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(epoll));
        System.out.println(TRANSPORT_LINE + (vertx.isNativeTransportEnabled() ? "epoll" : "nio"));
        start(vertx, port, ultravoxMs, twilioMs);
        System.out.println("STUBS READY " + port);
        Thread.currentThread().join();
    }

    /**
     * Serves the stubs on {@code port} (0: any free one) of the loopback interface, on {@code vertx},
     * which should have a single event loop; answers the server once it listens.
     */
    static HttpServer start(Vertx vertx, int port, long ultravoxMs, long twilioMs) throws Exception {
        answerer = new ConnectAnswerer(vertx);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0));
        server.requestHandler(req -> req.body().onSuccess(body -> route(vertx, req, body.toString(), ultravoxMs,
                twilioMs)));
        return server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
    }

    private static void route(Vertx vertx, HttpServerRequest req, String body, long ultravoxMs, long twilioMs) {
        String path = req.path();
        if (path.startsWith("/api/agents/") && path.endsWith("/calls") && req.method().name().equals("POST")) {
            String agentId = path.split("/")[3];
            String callId = UUID.randomUUID().toString();
            ultravoxCreates++;
            String placementId = answerer.hasWebhooksInFlight() ? placementId(body) : null;
            long received = System.nanoTime();
            createdAfter(vertx, req, ultravoxMs, CALL_JSON.formatted(callId, agentId, callId), () -> {
                if (placementId != null && answerer.awaitsAgent(placementId)) {
                    answerer.ultravoxHeld(placementId, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - received));
                }
            });
        } else if (path.matches("/api/agents/[^/]+") && req.method().name().equals("GET")) {
            json(req, 200, AGENT_JSON.formatted(path.split("/")[3]));
        } else if (path.startsWith("/api/calls/") && req.method().name().equals("DELETE")) {
            req.response().setStatusCode(204).end();
        } else if (path.startsWith("/api/")) {
            json(req, 200, "{\"results\":[],\"next\":null,\"previous\":null,\"total\":0}");
        } else if (path.endsWith("/Calls.json") && req.method().name().equals("POST")) {
            twilioCreated(vertx, req, body, path.split("/")[3], twilioMs);
        } else if (path.equals(LATENESS_PATH)) {
            // Locale.ROOT: a decimal comma would not be JSON.
            json(req, 200, String.format(Locale.ROOT, "{\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"count\":%d}",
                    LATENESS.getValueAtPercentile(50) / 1000.0, LATENESS.getValueAtPercentile(99) / 1000.0,
                    LATENESS.getTotalCount()));
            LATENESS.reset();
        } else if (path.startsWith("/_stub/")) {
            control(req, path, body);
        } else if (path.startsWith("/2010-04-01/Accounts/")) {
            json(req, 200, "{\"sid\":\"" + path.split("/")[3].replace(".json", "") + "\",\"status\":\"active\"}");
        } else {
            json(req, 404, "{\"detail\":\"Not found.\"}");
        }
    }

    /**
     * Accepts a Twilio call after {@code delayMs}, noting when its create arrived and was accepted
     * (by {@code To}); hands a call created with an answer {@code Url} to the callee.
     */
    private static void twilioCreated(Vertx vertx, HttpServerRequest req, String body, String account,
            long delayMs) {
        twilioCreates++;
        String to = field(body, "To");
        String from = field(body, "From");
        String url = field(body, "Url");
        String sid = sid();
        long[] ring = recordingRings ? RINGS.computeIfAbsent(to, k -> new long[2]) : new long[2];
        ring[0] = System.nanoTime();
        createdAfter(vertx, req, delayMs, TWILIO_JSON.formatted(sid, account, to, from), () -> {
            ring[1] = System.nanoTime();
            if (!url.isEmpty()) {
                answerer.dialled(url, new ConnectWebhook.DialledCall(account, sid, from, to));
            }
        });
    }

    /** The stub's control requests: the connect-mode phases' clock, callee, records and counts. */
    private static void control(HttpServerRequest req, String path, String body) {
        switch (path) {
            case CLOCK_PATH -> req.response().setStatusCode(200).end(Long.toString(System.nanoTime()));
            case ANSWERING_PATH -> {
                answerer.configure(new JsonObject(body));
                recordingRings = true;
                resetRecords();
                json(req, 200, "{}");
            }
            case RESET_PATH -> {
                resetRecords();
                json(req, 200, "{}");
            }
            case RINGS_PATH -> json(req, 200, rings());
            case COUNTS_PATH -> json(req, 200, "{\"ultravoxCreates\":" + ultravoxCreates + ",\"twilioCreates\":"
                    + twilioCreates + "}");
            case CONNECTS_PATH -> json(req, 200, answerer.report());
            default -> json(req, 404, "{\"detail\":\"Not found.\"}");
        }
    }

    private static void resetRecords() {
        RINGS.clear();
        ultravoxCreates = 0;
        twilioCreates = 0;
        answerer.reset();
    }

    private static String rings() {
        StringBuilder json = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, long[]> e : RINGS.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":[").append(e.getValue()[0]).append(',')
                    .append(e.getValue()[1]).append(']');
            sep = ",";
        }
        return json.append('}').toString();
    }

    /** The placement id Callbridge put in an Ultravox create's metadata, or null. */
    private static String placementId(String body) {
        try {
            JsonObject metadata = new JsonObject(body).getJsonObject("metadata");
            return metadata == null ? null : metadata.getString(PLACEMENT_ID_METADATA);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * Answers 201 with {@code body} after {@code delayMs}, recording how late the timer fired;
     * runs {@code sent} once the answer is on its way.
     */
    private static void createdAfter(Vertx vertx, HttpServerRequest req, long delayMs, String body, Runnable sent) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        vertx.setTimer(delayMs, t -> {
            LATENESS.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due)));
            json(req, 201, body);
            sent.run();
        });
    }

    private static void json(HttpServerRequest req, int status, String body) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    private static String sid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "CA" + Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    private static String field(String form, String name) {
        for (String pair : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
