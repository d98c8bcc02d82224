package dev.callbridge.subscription;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes one delivery attempt: a signed POST of the event's body to the subscription's URL,
 * through Vert.x' non-blocking HTTP client. The connection goes to the address the
 * {@link WebhookTargets guard} checked, with the URL's host kept for the {@code Host} header
 * and TLS (SNI and certificate check). Redirects are not followed (a 3xx is a failed attempt),
 * at most {@code maxResponseBytes} of the answer are read, and the whole attempt is bounded by
 * the timeout.
 */
public class EventSender {

    /** The {@code User-Agent} of every delivery. */
    public static final String USER_AGENT = "Callbridge-Webhooks/1.0";

    private final HttpClient client;
    private final Duration timeout;
    private final int maxResponseBytes;

    EventSender(Vertx vertx, WebhookConfig.Delivery config) {
        this.timeout = config.timeout();
        this.maxResponseBytes = config.maxResponseBytes();
        HttpClientOptions options = new HttpClientOptions()
                .setConnectTimeout((int) timeout.toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setTryUseCompression(false);
        this.client = vertx.createHttpClient(options, new PoolOptions().setHttp1MaxSize(config.concurrency()));
    }

    /** Sends the claimed delivery to {@code address}, signed at {@code unixSeconds}. */
    public Uni<AttemptOutcome> send(ClaimedDelivery claim, InetAddress address, long unixSeconds) {
        byte[] body = claim.delivery().body().getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(claim.url());
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(claim.url())
                .setFollowRedirects(false)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setConnectTimeout(timeout.toMillis()).setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", USER_AGENT)
                .putHeader(EventSignature.HEADER, EventSignature.header(claim.secret(), unixSeconds, body))
                .putHeader("Callbridge-Event-Id", claim.delivery().eventId())
                .putHeader("Callbridge-Event-Type", claim.delivery().type());
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        return Uni.createFrom().<AttemptOutcome>emitter(emitter -> client.request(options)
                        .compose(request -> {
                            sent.set(request);
                            return request.send(Buffer.buffer(body));
                        })
                        .compose(this::readBounded)
                        .onComplete(result -> emitter.complete(result.succeeded() ? result.result()
                                : AttemptOutcome.failed(describe(result.cause())))))
                .ifNoItem().after(timeout).recoverWithItem(() -> {
                    HttpClientRequest request = sent.get();
                    if (request != null) {
                        request.reset();
                    }
                    return AttemptOutcome.failed("No answer within " + timeout.toSeconds() + " s.");
                });
    }

    /** Reads (and discards) at most maxResponseBytes of the answer; its status is the outcome. */
    private Future<AttemptOutcome> readBounded(HttpClientResponse response) {
        Promise<AttemptOutcome> outcome = Promise.promise();
        AttemptOutcome answered = AttemptOutcome.answered(response.statusCode());
        long[] read = {0};
        response.handler(chunk -> {
            read[0] += chunk.length();
            if (read[0] > maxResponseBytes) {
                response.request().reset();
                outcome.tryComplete(answered);
            }
        });
        response.exceptionHandler(failure -> outcome.tryComplete(answered));
        response.endHandler(end -> outcome.tryComplete(answered));
        return outcome.future();
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "No answer in time.";
        }
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    private static String truncate(String message) {
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /** Closes the client's connections. */
    void close() {
        client.close();
    }
}
