package dev.callbridge.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Requests a call's TwiML as Twilio does, for an inbound call's voice webhook ("A call comes in")
 * and for the {@code Url} of a created call once it is answered: a form POST of the call's
 * parameters, signed with {@code X-Twilio-Signature} under the sandbox auth token, then reads the
 * TwiML it is answered with (always POST: the sandbox takes no {@code Method} on create). Waits at most {@code callbridge.sandbox.voice-webhook-timeout}
 * in all (and 10 s for the connection); every failure becomes Twilio's error code for it.
 */
@ApplicationScoped
class VoiceWebhooks {

    /** Twilio's wait for the connection, within the whole wait. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How a webhook was answered: playable instructions, or Twilio's error code and message.
     *
     * @param status the HTTP status of the answer, null when none came
     */
    record Answer(Integer status, TwimlReader.Instructions instructions, int errorCode, String errorMessage) {
        static Answer failed(Integer status, int code, String message) {
            return new Answer(status, null, code, message);
        }

        boolean isFailed() {
            return errorCode != 0;
        }
    }

    private final Duration timeout;
    private final HttpClient http;

    VoiceWebhooks(SandboxConfig config) {
        this.timeout = config.voiceWebhookTimeout();
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Posts the voice webhook of the inbound {@code call}; the answer never completes exceptionally. */
    CompletableFuture<Answer> send(SimulatedTwilioCall call) {
        return send(call.incoming().voiceUrl(), call.webhookParams());
    }

    /**
     * Requests the TwiML at {@code url} with the call's {@code params}, as Twilio requests a voice
     * webhook or a created call's {@code Url}; the answer never completes exceptionally.
     */
    CompletableFuture<Answer> send(String url, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("User-Agent", "TwilioProxy/1.1 (Callbridge sandbox)")
                .header("Accept", "*/*")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header(StatusCallbacks.SIGNATURE_HEADER,
                        TwilioSignatures.sign(SandboxCredentials.TWILIO_AUTH_TOKEN, url, params))
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))
                .build();
        return http.sendAsync(request, VoiceWebhooks::boundedBody)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(VoiceWebhooks::read)
                .exceptionally(this::unanswered);
    }

    private static Answer read(HttpResponse<Body> response) {
        int status = response.statusCode();
        if (status < 200 || status >= 300) {
            return Answer.failed(status, 11200, "HTTP retrieval failure: the voice webhook answered " + status + ".");
        }
        Body body = response.body();
        if (body.tooLarge) {
            return Answer.failed(status, 11750, "TwiML response body too large: over "
                    + TwimlReader.MAX_DOCUMENT_BYTES + " bytes.");
        }
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.contains("xml") && !type.startsWith("text/html")) {
            return Answer.failed(status, 12300, "Invalid Content-Type '" + type + "': TwiML must be text/xml "
                    + "or application/xml.");
        }
        TwimlReader.Instructions instructions =
                TwimlReader.instructions(new String(body.bytes.toByteArray(), StandardCharsets.UTF_8));
        if (instructions.error() != null) {
            return Answer.failed(status, 12100, "Document parse failure: " + instructions.error());
        }
        return new Answer(status, instructions, 0, null);
    }

    private Answer unanswered(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
            String what = cause instanceof HttpConnectTimeoutException ? "no connection" : "no answer";
            return Answer.failed(null, 11205, "HTTP connection failure: " + what + " within "
                    + timeout.toMillis() + " ms.");
        }
        if (cause instanceof ConnectException) {
            return Answer.failed(null, 11205, "HTTP connection failure: the connection was refused.");
        }
        return Answer.failed(null, 11200, "HTTP retrieval failure: " + cause.getClass().getSimpleName() + ".");
    }

    /** Keeps a 2xx body up to Twilio's document limit and only notes that a larger one was larger. */
    private static HttpResponse.BodySubscriber<Body> boundedBody(HttpResponse.ResponseInfo info) {
        Body body = new Body();
        if (info.statusCode() < 200 || info.statusCode() >= 300) {
            return HttpResponse.BodySubscribers.replacing(body);
        }
        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArrayConsumer(body::accept),
                done -> body);
    }

    /** An answer's body, at most {@link TwimlReader#MAX_DOCUMENT_BYTES} of it. */
    private static final class Body {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean tooLarge;

        void accept(Optional<byte[]> chunk) {
            if (chunk.isEmpty() || tooLarge) {
                return;
            }
            if (bytes.size() + chunk.get().length > TwimlReader.MAX_DOCUMENT_BYTES) {
                tooLarge = true;
                bytes.reset();
            } else {
                bytes.writeBytes(chunk.get());
            }
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
