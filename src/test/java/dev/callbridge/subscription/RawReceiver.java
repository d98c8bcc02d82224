package dev.callbridge.subscription;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback receiver below HTTP, for what a well-behaved server never does: hold a request
 * without answering, or answer with an endless body.
 */
final class RawReceiver implements AutoCloseable {

    /** What it does with each connection. */
    enum Behaviour { HOLD, ENDLESS_BODY }

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger bytesSent = new AtomicInteger();

    RawReceiver(Behaviour behaviour) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(behaviour), "raw-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/events";
    }

    int connections() {
        return connections.get();
    }

    int bytesSent() {
        return bytesSent.get();
    }

    private void accept(Behaviour behaviour) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                connections.incrementAndGet();
                if (behaviour == Behaviour.ENDLESS_BODY) {
                    Thread writer = new Thread(() -> endless(socket), "raw-receiver-writer");
                    writer.setDaemon(true);
                    writer.start();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers 200 with a chunked body that never ends, until the client hangs up. */
    private void endless(Socket socket) {
        try (InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            in.read(new byte[8192]);
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("1000\r\n" + "x".repeat(4096) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (bytesSent.get() < 64 * 1024 * 1024) {
                out.write(chunk);
                bytesSent.addAndGet(4096);
            }
        } catch (IOException hungUp) {
            // The client reset the stream: what the test expects.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
