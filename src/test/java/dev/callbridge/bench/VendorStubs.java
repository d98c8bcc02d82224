package dev.callbridge.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Locale;
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
 * Callbridge's.
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

    private VendorStubs() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long ultravoxMs = Long.parseLong(args[1]);
        long twilioMs = Long.parseLong(args[2]);
        boolean epoll = args.length < 4 || !"nio".equals(args[3]);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(epoll));
        System.out.println(TRANSPORT_LINE + (vertx.isNativeTransportEnabled() ? "epoll" : "nio"));
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0));
        server.requestHandler(req -> req.body().onSuccess(body -> route(vertx, req, body.toString(), ultravoxMs,
                twilioMs)));
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        System.out.println("STUBS READY " + port);
        Thread.currentThread().join();
    }

    private static void route(Vertx vertx, HttpServerRequest req, String body, long ultravoxMs, long twilioMs) {
        String path = req.path();
        if (path.startsWith("/api/agents/") && path.endsWith("/calls") && req.method().name().equals("POST")) {
            String agentId = path.split("/")[3];
            String callId = UUID.randomUUID().toString();
            createdAfter(vertx, req, ultravoxMs, CALL_JSON.formatted(callId, agentId, callId));
        } else if (path.matches("/api/agents/[^/]+") && req.method().name().equals("GET")) {
            json(req, 200, AGENT_JSON.formatted(path.split("/")[3]));
        } else if (path.startsWith("/api/calls/") && req.method().name().equals("DELETE")) {
            req.response().setStatusCode(204).end();
        } else if (path.startsWith("/api/")) {
            json(req, 200, "{\"results\":[],\"next\":null,\"previous\":null,\"total\":0}");
        } else if (path.endsWith("/Calls.json") && req.method().name().equals("POST")) {
            String account = path.split("/")[3];
            createdAfter(vertx, req, twilioMs,
                    TWILIO_JSON.formatted(sid(), account, field(body, "To"), field(body, "From")));
        } else if (path.equals(LATENESS_PATH)) {
            // Locale.ROOT: a decimal comma would not be JSON.
            json(req, 200, String.format(Locale.ROOT, "{\"p50Ms\":%.3f,\"p99Ms\":%.3f,\"count\":%d}",
                    LATENESS.getValueAtPercentile(50) / 1000.0, LATENESS.getValueAtPercentile(99) / 1000.0,
                    LATENESS.getTotalCount()));
            LATENESS.reset();
        } else if (path.startsWith("/2010-04-01/Accounts/")) {
            json(req, 200, "{\"sid\":\"" + path.split("/")[3].replace(".json", "") + "\",\"status\":\"active\"}");
        } else {
            json(req, 404, "{\"detail\":\"Not found.\"}");
        }
    }

    /** Answers 201 with {@code body} after {@code delayMs}, recording how late the timer fired. */
    private static void createdAfter(Vertx vertx, HttpServerRequest req, long delayMs, String body) {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        vertx.setTimer(delayMs, t -> {
            LATENESS.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - due)));
            json(req, 201, body);
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
