package dev.callbridge.webhook;

import dev.callbridge.sandbox.TwilioSignatures;
import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import dev.callbridge.testing.TestConfigs;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The signature rule: Twilio's scheme, over the public URL only. */
class TwilioSignatureCheckTest {

    private static final String TOKEN = "12345";
    private static final Map<String, String> VECTOR_PARAMS = Map.of("CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675310", "Digits", "1234", "From", "+14158675310", "To", "+18005551212");
    private static final Map<String, String> CALLBACK = Map.of("CallSid", "CA0123", "CallStatus", "ringing",
            "SequenceNumber", "1", "To", "+14155552671");

    private static final String STATUS = TwilioWebhookUrl.STATUS_PATH;

    private static TwilioSignatureCheck check(String publicBaseUrl) {
        return new TwilioSignatureCheck(TestConfigs.service(Optional.empty(), Optional.ofNullable(publicBaseUrl)),
                TestConfigs.twilio(Optional.of("AC1"), Optional.of(TOKEN), Optional.of("+15005550006")),
                new CallbackMetrics(new SimpleMeterRegistry()));
    }

    @Test
    void theDocumentedTestVectorHoldsForTheSignerAndTheSdk() {
        String url = "https://example.com/myapp.php?foo=1&bar=2";

        assertThat(TwilioSignatures.sign(TOKEN, url, VECTOR_PARAMS)).isEqualTo("L/OH5YylLD5NRKLltdqwSvS0BnU=");
        assertThat(new RequestValidator(TOKEN).validate(url, VECTOR_PARAMS, "L/OH5YylLD5NRKLltdqwSvS0BnU=")).isTrue();
    }

    @Test
    void acceptsTwiliosSignatureOverThePublicUrlWithItsQuery() {
        String url = "https://callbridge.example.com/webhooks/twilio/call-status?tenant=a";

        assertThat(check("https://callbridge.example.com/").valid(STATUS, "tenant=a", CALLBACK,
                TwilioSignatures.sign(TOKEN, url, CALLBACK))).isTrue();
        assertThat(check("https://callbridge.example.com").valid(STATUS, "tenant=b", CALLBACK,
                TwilioSignatures.sign(TOKEN, url, CALLBACK))).isFalse();
    }

    @Test
    void refusesASignatureOverAnyOtherUrl() {
        // What the service itself sees behind a TLS-terminating proxy: never what Twilio signed.
        String internal = "http://10.0.0.7:8080/webhooks/twilio/call-status";

        assertThat(check("https://callbridge.example.com").valid(STATUS, null, CALLBACK,
                TwilioSignatures.sign(TOKEN, internal, CALLBACK))).isFalse();
        assertThat(check("https://callbridge.example.com").valid(STATUS, null, CALLBACK,
                TwilioSignatures.sign(TOKEN, "https://callbridge.example.com/webhooks/twilio/call-status", CALLBACK)))
                .isTrue();
    }

    @Test
    void refusesATamperedFieldAWrongTokenAndNoSignature() {
        String url = "https://callbridge.example.com/webhooks/twilio/call-status";
        String signature = TwilioSignatures.sign(TOKEN, url, CALLBACK);
        Map<String, String> tampered = new java.util.HashMap<>(CALLBACK);
        tampered.put("CallStatus", "completed");
        TwilioSignatureCheck check = check("https://callbridge.example.com");

        assertThat(check.valid(STATUS, null, tampered, signature)).isFalse();
        assertThat(check.valid(STATUS, null, CALLBACK, TwilioSignatures.sign("other-token", url, CALLBACK))).isFalse();
        assertThat(check.valid(STATUS, null, CALLBACK, null)).isFalse();
        assertThat(check.valid(STATUS, null, CALLBACK, "")).isFalse();
    }

    @Test
    void aSignatureForOneWebhookIsNoGoodForAnother() {
        String voice = "https://callbridge.example.com/webhooks/twilio/voice";
        TwilioSignatureCheck check = check("https://callbridge.example.com");

        assertThat(check.valid(TwilioWebhookUrl.VOICE_PATH, null, CALLBACK, TwilioSignatures.sign(TOKEN, voice, CALLBACK)))
                .isTrue();
        assertThat(check.valid(STATUS, null, CALLBACK, TwilioSignatures.sign(TOKEN, voice, CALLBACK))).isFalse();
    }

    @Test
    void isNotConfiguredWithoutAPublicUrl() {
        assertThat(check(null).configured()).isFalse();
        assertThat(check(" ").configured()).isFalse();
        assertThat(check("https://callbridge.example.com").configured()).isTrue();
    }
}
