package dev.callbridge.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.inbound.InboundFixtures.CALLER;
import static dev.callbridge.inbound.InboundFixtures.ULTRAVOX_CREATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With Ultravox's breaker open, an inbound call hears the fallback and Ultravox is not asked at all. */
@QuarkusTest
@TestProfile(InboundBreakerTest.Profile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class InboundBreakerTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    /** A breaker that opens after two failures and stays open for the whole test. */
    public static class Profile extends InboundProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("%test.callbridge.resilience.ultravox.breaker.window", "2");
            overrides.put("%test.callbridge.resilience.ultravox.breaker.minimum-calls", "2");
            overrides.put("%test.callbridge.resilience.ultravox.breaker.open-for", "5m");
            return overrides;
        }
    }

    @InjectWireMock
    WireMockServer wireMock;

    @Test
    void anOpenUltravoxBreakerAnswersTheFallbackWithoutAskingUltravox() {
        wireMock.resetAll();
        String number = InboundFixtures.newNumber();
        InboundFixtures.route(wireMock, number);
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            InboundFixtures.postSigned(InboundProfile.PUBLIC_BASE_URL,
                    InboundFixtures.voiceWebhook(InboundFixtures.newSid(), CALLER, number)).then().statusCode(200);
        }
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(InboundFixtures.ultravoxCall(UUID.randomUUID().toString(), "wss://voice.example/x"))));

        String answer = InboundFixtures.postSigned(InboundProfile.PUBLIC_BASE_URL,
                InboundFixtures.voiceWebhook(InboundFixtures.newSid(), CALLER, number)).then().statusCode(200)
                .extract().asString();

        assertThat(answer).contains("<Say>").doesNotContain("<Stream");
        wireMock.verify(2, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
    }
}
