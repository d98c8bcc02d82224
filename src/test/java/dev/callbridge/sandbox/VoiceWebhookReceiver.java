package dev.callbridge.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A voice webhook on a random loopback port, standing in for Callbridge's: it records each
 * request and answers with a chosen status, content type and body, after a chosen delay.
 */
final class VoiceWebhookReceiver implements AutoCloseable {

    /** One received webhook: its full URL, form fields and {@code X-Twilio-Signature}. */
    record Received(String url, Map<String, String> params, String signature, String contentType) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private VoiceWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    /** TwiML answered 200 as {@code text/xml}. */
    static VoiceWebhookReceiver twiml(String twiml) throws IOException {
        return start(200, "text/xml; charset=utf-8", twiml, 0);
    }

    static VoiceWebhookReceiver start(int status, String contentType, String body, long delayMillis)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        VoiceWebhookReceiver receiver = new VoiceWebhookReceiver(server);
        server.setExecutor(receiver.threads);
        server.createContext("/", exchange -> {
            String form;
            try (InputStream in = exchange.getRequestBody()) {
                form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String query = exchange.getRequestURI().getRawQuery();
            receiver.received.add(new Received(
                    receiver.baseUrl() + exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                    parse(form), exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            try {
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException clientGone) {
                // The sandbox stopped waiting: nothing left to answer.
            } finally {
                exchange.close();
            }
        });
        server.start();
        return receiver;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private static Map<String, String> parse(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : form.isEmpty() ? new String[0] : form.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
