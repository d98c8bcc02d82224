package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.vertx.core.buffer.Buffer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InboundTrafficTest {

    private static final String TOKEN = "bench-twilio-token";

    @Test
    void everyWebhookIsSignedAsTwilioWouldForThePublicUrlWithItsOwnCallSid() {
        List<LoadGenerator.Request> requests = InboundTraffic.requests(TOKEN, "2", 300);
        RequestValidator twilio = new RequestValidator(TOKEN);
        String url = InboundTraffic.PUBLIC_BASE_URL + "/webhooks/twilio/voice";

        for (LoadGenerator.Request r : requests) {
            Map<String, String> fields = parse(r.body().toString());
            assertThat(r.path()).isEqualTo("/webhooks/twilio/voice");
            assertThat(twilio.validate(url, fields, r.headers().get("X-Twilio-Signature"))).isTrue();
            assertThat(new RequestValidator("another-token").validate(url, fields,
                    r.headers().get("X-Twilio-Signature"))).isFalse();
            assertThat(fields).containsEntry("To", InboundTraffic.NUMBER).containsKey("From");
        }
        assertThat(requests.stream().map(r -> parse(r.body().toString()).get("CallSid")).distinct().count())
                .isEqualTo(300);
        assertThat(parse(requests.get(0).body().toString()).get("CallSid")).matches("CA[0-9a-f]{32}");
    }

    @Test
    void phasesWithDifferentPrefixesShareNoCallSid() {
        assertThat(InboundTraffic.sid("1", 5)).isNotEqualTo(InboundTraffic.sid("2", 5))
                .isNotEqualTo(InboundTraffic.sid("1", 6));
    }

    @Test
    void onlyTheStubsStreamCountsAsAnswered() {
        LoadGenerator.Outcome stream = InboundTraffic.ANSWERS.judge(200, Buffer.buffer(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Connect><Stream url=\""
                        + VendorStubs.JOIN_URL_PREFIX + "abc\"/></Connect></Response>"));
        LoadGenerator.Outcome fallback = InboundTraffic.ANSWERS.judge(200,
                Buffer.buffer("<Response><Say>Sorry, try again later.</Say><Hangup/></Response>"));
        LoadGenerator.Outcome refused = InboundTraffic.ANSWERS.judge(403, Buffer.buffer("{}"));

        assertThat(stream).isEqualTo(new LoadGenerator.Outcome(InboundTraffic.STREAM, true));
        assertThat(fallback).isEqualTo(new LoadGenerator.Outcome(InboundTraffic.FALLBACK, false));
        assertThat(refused).isEqualTo(new LoadGenerator.Outcome("http_403", false));
    }

    private static Map<String, String> parse(String form) {
        return Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }
}
