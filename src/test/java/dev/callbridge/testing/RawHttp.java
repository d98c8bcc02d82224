package dev.callbridge.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTP/1.1 over a plain socket to the application under test, for what a well-behaved
 * client library will not do: hang up in the middle of an exchange, or send bytes that break
 * the protocol (control characters in headers, over-long request lines).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The port the application under test listens on. */
    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.test-port", Integer.class).orElse(8081);
    }

    /** A JSON POST with the test API key, as raw request text. */
    public static String jsonPost(String path, String idempotencyKey, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Api.KEY + "\r\n"
                + (idempotencyKey == null ? "" : "Idempotency-Key: " + idempotencyKey + "\r\n")
                + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body;
    }

    /** Sends {@code request}, waits {@code millis} without reading the answer, then closes the connection. */
    public static void sendAndHangUp(String request, long millis) throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            Thread.sleep(millis);
        }
    }

    /**
     * Sends raw bytes and reads the whole answer until the server closes the connection (or
     * 10 s). The bytes are written by another thread while this one reads, so an answer the
     * server sends before the request is complete (413) is read before the connection resets.
     */
    public static String exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            socket.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int at = 0; at < request.length; at += 16 * 1024) {
                        out.write(request, at, Math.min(16 * 1024, request.length - at));
                    }
                    out.flush();
                } catch (IOException closedEarly) {
                    // The server may answer and close before the whole request is written.
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                    if (complete(answer)) {
                        break;
                    }
                }
            } catch (IOException reset) {
                // A reset after the answer: what arrived is the answer.
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Whether {@code answer} holds a whole response with a Content-Length body. */
    private static boolean complete(ByteArrayOutputStream answer) {
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                .matcher(text.substring(0, end));
        return length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1));
    }
}
