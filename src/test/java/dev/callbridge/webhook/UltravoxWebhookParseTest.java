package dev.callbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.http.ApiProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What is read from an Ultravox webhook's body, and what is refused as malformed. */
class UltravoxWebhookParseTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Instant RECEIVED = Instant.parse("2025-06-01T12:00:41Z");

    private static UltravoxWebhook parse(String body) {
        return UltravoxWebhook.parse(JSON, body.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private static void refused(String body, String detail) {
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(ApiProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.detail()).contains(detail);
        });
    }

    @Test
    void anEndedCallsConversationIsRead() {
        UltravoxWebhook webhook = parse("""
                {"event": "call.ended", "call": {"callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f",
                 "created": "2025-06-01T12:00:05.214Z", "joined": "2025-06-01T12:00:09.5Z",
                 "ended": "2025-06-01T14:00:40.000001+02:00", "endReason": "hangup", "shortSummary": "Confirmed.",
                 "summary": "Dana confirmed the appointment.", "joinUrl": "wss://voice.ultravox.ai/calls/x/y",
                 "metadata": {"a": "b"}, "medium": {"twilio": {}}, "billedDuration": null}}
                """);

        assertThat(webhook.event()).isEqualTo("call.ended");
        assertThat(webhook.callId()).isEqualTo("8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f");
        assertThat(webhook.concernsLedger()).isTrue();
        assertThat(webhook.conversation().event()).isEqualTo("call.ended");
        assertThat(webhook.conversation().joined()).isEqualTo("2025-06-01T12:00:09.500Z");
        assertThat(webhook.conversation().ended()).isEqualTo("2025-06-01T12:00:40.000001Z");
        assertThat(webhook.conversation().endReason()).isEqualTo("hangup");
        assertThat(webhook.conversation().shortSummary()).isEqualTo("Confirmed.");
        assertThat(webhook.conversation().summary()).isEqualTo("Dana confirmed the appointment.");
        assertThat(webhook.conversation().receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void onlyAStartedCallOrAnUnknownEventHasNothingForTheLedger() {
        UltravoxWebhook started = parse("{\"event\": \"call.started\", \"call\": {\"callId\": \"c-1\", \"joined\": null}}");

        assertThat(started.concernsLedger()).isFalse();
        assertThat(started.conversation().joined()).isNull();
        assertThat(started.conversation().ended()).isNull();
        assertThat(started.conversation().endReason()).isNull();
        assertThat(parse("{\"event\": \"call.billed\", \"call\": {\"callId\": \"c-1\"}}").concernsLedger()).isTrue();
        assertThat(parse("{\"event\": \"call.paused\", \"call\": {\"callId\": \"c-1\"}}").concernsLedger()).isFalse();
        assertThat(parse("{\"event\": \"call.joined\", \"call\": {\"callId\": \"c-1\"}}").concernsLedger()).isTrue();
    }

    @Test
    void malformedBodiesAreRefusedWithoutQuotingThem() {
        refused("", "JSON object");
        refused("[]", "JSON object");
        refused("{\"event\": \"call.ended\", \"call\": {\"callId\": \"c-1\"}} {}", "not valid JSON");
        refused("{\"event\": \"call.ended\", \"call\": {\"joinUrl\": \"wss://secret-join\"", "not valid JSON");
        assertThatThrownBy(() -> parse("{\"call\": {\"joinUrl\": wss://secret-join}}"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.detail())
                        .contains("line 1").doesNotContain("secret-join").doesNotContain("wss"));
        refused("{\"call\": {\"callId\": \"c-1\"}}", "'event' is required");
        refused("{\"event\": 7, \"call\": {\"callId\": \"c-1\"}}", "'event' must be a string");
        refused("{\"event\": \"call.ended\"}", "'call' must be the Call object");
        refused("{\"event\": \"call.ended\", \"call\": \"c-1\"}", "'call' must be the Call object");
        refused("{\"event\": \"call.ended\", \"call\": {}}", "'call.callId' is required");
        refused("{\"event\": \"call.ended\", \"call\": {\"callId\": \"../x\"}}", "'call.callId'");
        refused("{\"event\": \"call.ended\", \"call\": {\"callId\": \"" + "a".repeat(65) + "\"}}", "'call.callId'");
        refused("{\"event\": \"call.ended\", \"call\": {\"callId\": \"c-1\", \"ended\": \"today\"}}", "'call.ended'");
        refused("{\"event\": \"call.ended\", \"call\": {\"callId\": \"c-1\", \"endReason\": 3}}", "'call.endReason'");
    }

    @Test
    void aBodyOverTheBoundIsTooLarge() {
        assertThatThrownBy(() -> UltravoxWebhook.checkSize(new byte[UltravoxWebhook.MAX_BYTES + 1]))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        UltravoxWebhook.checkSize(new byte[UltravoxWebhook.MAX_BYTES]);
        assertThatThrownBy(() -> UltravoxWebhook.checkLength(Integer.toString(UltravoxWebhook.MAX_BYTES + 1)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        UltravoxWebhook.checkLength(null);
    }
}
