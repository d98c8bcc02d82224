package dev.callbridge.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on a random loopback port that records every request it receives
 * (webhooks, status callbacks) and answers 204.
 */
public final class CallbackReceiver implements AutoCloseable {

    /**
     * One received request.
     *
     * @param url    the full URL as requested, query included
     * @param params form parameters of the body, or of the query for a GET
     * @param body   the raw body
     * @param status what the receiver answered
     */
    public record Received(String method, String url, Map<String, String> headers, Map<String, String> params,
            String body, int status) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    public static CallbackReceiver start() throws IOException {
        return start(0);
    }

    /** A receiver that answers 500 to its first {@code failures} requests, then 204. */
    public static CallbackReceiver start(int failures) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CallbackReceiver receiver = new CallbackReceiver(server);
        AtomicInteger failed = new AtomicInteger();
        server.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, String.join(",", v)));
            String url = receiver.baseUrl() + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query);
            String form = exchange.getRequestMethod().equals("GET") ? query : body;
            int status = failed.getAndIncrement() < failures ? 500 : 204;
            receiver.received.add(new Received(exchange.getRequestMethod(), url, headers,
                    body.startsWith("{") ? Map.of() : parse(form), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
