package dev.callbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain requests to the processes the benchmark started on this machine, over one shared client. */
final class Loopback {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

    private Loopback() {
    }

    /** The body of {@code GET http://127.0.0.1:port/path}. */
    static String get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(request(port, path).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The status of {@code GET http://127.0.0.1:port/path}, waiting at most {@code timeout}. */
    static int status(int port, String path, Duration timeout) throws IOException, InterruptedException {
        return CLIENT.send(request(port, path).timeout(timeout).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** The status of {@code PUT http://127.0.0.1:port/path} with a JSON body and an API key. */
    static int put(int port, String path, String apiKey, String json) throws IOException, InterruptedException {
        HttpRequest put = request(port, path).header("Content-Type", "application/json").header("X-API-Key", apiKey)
                .timeout(Duration.ofSeconds(10)).PUT(HttpRequest.BodyPublishers.ofString(json)).build();
        return CLIENT.send(put, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The body of {@code POST http://127.0.0.1:port/path} with a JSON body; fails unless it answers 200. */
    static String post(int port, String path, String json) throws IOException, InterruptedException {
        HttpRequest post = request(port, path).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = CLIENT.send(post, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + response.statusCode());
        }
        return response.body();
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
