package dev.callbridge.sandbox;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Delivers Twilio-shaped status callbacks (and asynchronous answering-machine detection
 * results) for simulated calls, signed with {@code X-Twilio-Signature} under the sandbox auth
 * token. Sent asynchronously and, like Twilio's, not retried; they may arrive out of order, hence {@code SequenceNumber}.
 */
@ApplicationScoped
class StatusCallbacks {

    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** Sends {@code params} to the call's {@code StatusCallback} with its method (POST or GET). */
    void send(SimulatedTwilioCall call, Map<String, String> params) {
        SimulatedTwilioCall.Options options = call.options();
        deliver(options.statusCallback(), options.statusCallbackMethod(), params,
                "status callback " + params.get("CallStatus"), call.sid());
    }

    /**
     * Sends the asynchronous answering-machine detection result to the call's
     * {@code AsyncAmdStatusCallback}, signed the same way.
     */
    void sendDetection(SimulatedTwilioCall call) {
        MachineDetection detection = call.options().detection();
        deliver(detection.callback(), detection.callbackMethod(), call.detectionParams(),
                "AMD callback " + call.answeredBy(), call.sid());
    }

    /**
     * Sends {@code params} to {@code url}: a signed form POST, or a GET with them in the query
     * (then the signature covers the URL alone, as Twilio's does). Failures are only logged.
     */
    private void deliver(String url, String method, Map<String, String> params, String what, String callSid) {
        String form = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request;
        if ("GET".equals(method)) {
            String withQuery = url + (url.contains("?") ? "&" : "?") + form;
            request = base(withQuery, TwilioSignatures.sign(SandboxCredentials.TWILIO_AUTH_TOKEN, withQuery, Map.of()))
                    .GET().build();
        } else {
            request = base(url, TwilioSignatures.sign(SandboxCredentials.TWILIO_AUTH_TOKEN, url, params))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Log.warnf("Sandbox %s for call %s to host %s failed: %s", what, callSid, request.uri().getHost(),
                        failure.getClass().getSimpleName());
            } else if (response.statusCode() >= 300) {
                Log.warnf("Sandbox %s for call %s was answered %d", what, callSid, response.statusCode());
            }
        });
    }

    private static HttpRequest.Builder base(String url, String signature) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("User-Agent", "TwilioProxy/1.1 (Callbridge sandbox)")
                .header(SIGNATURE_HEADER, signature);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
