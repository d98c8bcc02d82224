package dev.callbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.testing.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Without {@code ULTRAVOX_WEBHOOK_SECRETS} every Ultravox webhook is refused, and startup says how to fix it. */
@QuarkusTest
@TestProfile(ProxiedCallbacksProfile.class)
class UltravoxWebhooksUnconfiguredTest {

    @Inject
    UltravoxSignatureCheck check;

    @Inject
    MeterRegistry registry;

    @Test
    void everyWebhookIsRefusedWhateverItIsSignedWith() {
        double rejected = registry.counter(CallbackMetrics.NAME, "vendor", "ultravox", "outcome", "rejected_signature")
                .count();
        String body = UltravoxWebhookTest.body("call.ended", UUID.randomUUID().toString());

        String timestamp = UltravoxWebhookTest.now();
        for (String signature : new String[] {null, "0".repeat(64), "not-a-digest"}) {
            UltravoxWebhookTest.post(body, timestamp, signature).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", containsString("no ULTRAVOX_WEBHOOK_SECRETS is configured"))
                    .body("requestId", notNullValue());
        }
        // Signed with the secret the test profile would have: still refused, there is nothing to check it with.
        UltravoxWebhookTest.signed(body).then().statusCode(403)
                .body("detail", containsString("no ULTRAVOX_WEBHOOK_SECRETS is configured"));

        assertThat(registry.counter(CallbackMetrics.NAME, "vendor", "ultravox", "outcome", "rejected_signature").count())
                .isEqualTo(rejected + 4);
    }

    @Test
    void startupWarnsOnceAndSaysHowToConfigure() {
        try (LogCapture logs = LogCapture.install()) {
            check.warnIfUnconfigured();

            assertThat(logs.lines()).singleElement().satisfies(line -> assertThat(line).startsWith("WARN")
                    .contains("ULTRAVOX_WEBHOOK_SECRETS").contains("/webhooks/ultravox").contains("POST /api/webhooks"));
        }
    }
}
