package dev.callbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sends the simulated Ultravox's webhooks: {@code {"event", "call"}} to every registered webhook
 * that wants the event, signed per {@link UltravoxWebhookSignatures}, at the moments the real
 * service sends them. A delivery answered with anything but 2xx, or not at all, is retried as
 * Ultravox retries: first after 30 simulated seconds, then at doubling intervals, 10 retries in
 * all; each retry is signed anew with a fresh timestamp.
 */
@ApplicationScoped
class UltravoxWebhookDelivery {

    static final int MAX_RETRIES = 10;
    static final double FIRST_RETRY_SECONDS = 30;
    /** Ultravox's timestamp form: microseconds and a numeric offset. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private final SandboxWebhooks webhooks;
    private final SandboxClock clock;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    UltravoxWebhookDelivery(SandboxWebhooks webhooks, SandboxClock clock, ObjectMapper json) {
        this.webhooks = webhooks;
        this.clock = clock;
        this.json = json;
    }

    /** Sends {@code event} for {@code call} (its JSON as the API shows it) to every webhook that wants it. */
    void send(String event, ObjectNode call) {
        String agentId = call.path("agentId").asText(null);
        byte[] body;
        try {
            ObjectNode payload = json.createObjectNode().put("event", event);
            payload.set("call", call);
            body = json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A call always serializes", e);
        }
        webhooks.all().stream().filter(webhook -> webhook.wants(event, agentId))
                .forEach(webhook -> attempt(webhook, event, call.path("callId").asText(), body, 0));
    }

    private void attempt(SandboxWebhook webhook, String event, String callId, byte[] body, int retry) {
        String timestamp = TIMESTAMP.format(clock.now());
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "Ultravox-Webhooks (Callbridge sandbox)")
                .header(UltravoxWebhookSignatures.TIMESTAMP_HEADER, timestamp)
                .header(UltravoxWebhookSignatures.SIGNATURE_HEADER,
                        UltravoxWebhookSignatures.header(webhook.secrets(), body, timestamp))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            boolean delivered = failure == null && response.statusCode() / 100 == 2;
            if (delivered) {
                return;
            }
            String outcome = failure != null ? failure.getClass().getSimpleName() : "status " + response.statusCode();
            if (retry >= MAX_RETRIES || webhooks.get(webhook.webhookId()).isEmpty()) {
                Log.warnf("Sandbox webhook %s for call %s to host %s failed (%s); no retry left", event, callId,
                        request.uri().getHost(), outcome);
                return;
            }
            Log.infof("Sandbox webhook %s for call %s to host %s failed (%s); retry %d of %d", event, callId,
                    request.uri().getHost(), outcome, retry + 1, MAX_RETRIES);
            clock.after(FIRST_RETRY_SECONDS * Math.pow(2, retry), () -> attempt(webhook, event, callId, body, retry + 1));
        });
    }
}
