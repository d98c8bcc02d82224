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
 * Delivers Twilio-shaped status callbacks for simulated calls, signed with
 * {@code X-Twilio-Signature} under the sandbox auth token. Sent asynchronously and, like
 * Twilio's, not retried; they may arrive out of order, hence {@code SequenceNumber}.
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
        String form = params.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest request;
        if ("GET".equals(options.statusCallbackMethod())) {
            String url = options.statusCallback() + (options.statusCallback().contains("?") ? "&" : "?") + form;
            request = base(url, TwilioSignatures.sign(SandboxCredentials.TWILIO_AUTH_TOKEN, url, Map.of()))
                    .GET().build();
        } else {
            String url = options.statusCallback();
            request = base(url, TwilioSignatures.sign(SandboxCredentials.TWILIO_AUTH_TOKEN, url, params))
                    .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null) {
                Log.warnf("Sandbox status callback %s for call %s to host %s failed: %s", params.get("CallStatus"),
                        call.sid(), request.uri().getHost(), failure.getClass().getSimpleName());
            } else if (response.statusCode() >= 300) {
                Log.warnf("Sandbox status callback %s for call %s was answered %d", params.get("CallStatus"),
                        call.sid(), response.statusCode());
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
