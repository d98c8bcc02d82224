package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ConnectWebhookTest {

    private static final String TOKEN = "bench-twilio-token";
    private static final String URL = InboundTraffic.PUBLIC_BASE_URL
            + "/webhooks/twilio/connect/0b6c1c3e-5f7a-4d7e-9a51-2f0e8d1c4b7a";
    private static final ConnectWebhook.DialledCall CALL = new ConnectWebhook.DialledCall(InboundTraffic.ACCOUNT_SID,
            "CA0123456789abcdef0123456789abcdef", "+14155550100", "+14155550007");

    @Test
    void isSignedAsTwilioSignsItForThePublicAnswerUrl() {
        ConnectWebhook webhook = ConnectWebhook.of(URL, TOKEN, CALL);
        Map<String, String> fields = parse(webhook.form());

        assertThat(new RequestValidator(TOKEN).validate(URL, fields, webhook.signature())).isTrue();
        assertThat(new RequestValidator("another-token").validate(URL, fields, webhook.signature())).isFalse();
        assertThat(new RequestValidator(TOKEN).validate("http://127.0.0.1:18991" + webhook.path(), fields,
                webhook.signature())).isFalse();
    }

    @Test
    void carriesTheFieldsOfAnAnsweredOutboundCallWithTheSidTheStubGaveIt() {
        Map<String, String> fields = parse(ConnectWebhook.of(URL, TOKEN, CALL).form());

        assertThat(fields).containsEntry("AccountSid", InboundTraffic.ACCOUNT_SID)
                .containsEntry("CallSid", "CA0123456789abcdef0123456789abcdef")
                .containsEntry("CallStatus", "in-progress").containsEntry("Direction", "outbound-api")
                .containsEntry("From", "+14155550100").containsEntry("To", "+14155550007")
                .containsEntry("ApiVersion", "2010-04-01");
    }

    @Test
    void isPostedToCallbridgesPortUnderTheUrlsPathNamingThePlacement() {
        ConnectWebhook webhook = ConnectWebhook.of(URL, TOKEN, CALL);
        ConnectWebhook withQuery = ConnectWebhook.of(URL + "?attempt=2", TOKEN, CALL);

        assertThat(webhook.path()).isEqualTo("/webhooks/twilio/connect/0b6c1c3e-5f7a-4d7e-9a51-2f0e8d1c4b7a");
        assertThat(webhook.placementId()).isEqualTo("0b6c1c3e-5f7a-4d7e-9a51-2f0e8d1c4b7a");
        assertThat(withQuery.path()).endsWith("/0b6c1c3e-5f7a-4d7e-9a51-2f0e8d1c4b7a?attempt=2");
        assertThat(withQuery.placementId()).isEqualTo("0b6c1c3e-5f7a-4d7e-9a51-2f0e8d1c4b7a");
        assertThat(new RequestValidator(TOKEN).validate(URL + "?attempt=2", parse(withQuery.form()),
                withQuery.signature())).isTrue();
    }

    private static Map<String, String> parse(String form) {
        return Arrays.stream(form.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                kv -> URLDecoder.decode(kv[1], StandardCharsets.UTF_8)));
    }
}
