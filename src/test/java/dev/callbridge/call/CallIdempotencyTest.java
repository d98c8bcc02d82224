package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.ULTRAVOX_CREATE;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code Idempotency-Key} on call placement: a client's retry never dials twice. */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallIdempotencyTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String BODY = "{\"to\": \"+14155550123\", \"metadata\": {\"a\": \"1\", \"b\": \"2\"}}";

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
    }

    @Test
    void fiftyConcurrentRepeatsPlaceExactlyOneCall() {
        // Slow enough at Ultravox that the repeats arrive while the first is running.
        wireMock.stubFor(post(urlPathEqualTo(ULTRAVOX_CREATE)).willReturn(CallFixtures.json(201,
                CallFixtures.ultravoxCall(CALL_ID, CallFixtures.JOIN_URL)).withFixedDelay(400)));
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Response> answers;
        try {
            List<CompletableFuture<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(CompletableFuture.supplyAsync(() -> place(key, BODY), pool));
            }
            answers = sent.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }

        wireMock.verify(1, postRequestedFor(urlPathEqualTo(ULTRAVOX_CREATE)));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        assertThat(answers).extracting(Response::statusCode).containsOnly(201, 409);
        assertThat(answers).filteredOn(r -> r.statusCode() == 201 && r.header("Idempotent-Replayed") == null)
                .hasSize(1);
        for (Response answer : answers) {
            if (answer.statusCode() == 409) {
                answer.then().contentType("application/problem+json").header("Retry-After", "1");
            } else {
                answer.then().body("callId", equalTo(CALL_ID)).body("twilioCallSid", equalTo(CallFixtures.SID));
            }
        }
        place(key, BODY).then().statusCode(201).header("Idempotent-Replayed", "true")
                .header("Location", org.hamcrest.Matchers.endsWith("/api/v1/calls/" + CALL_ID)).body("callId", equalTo(CALL_ID));
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndKeyOrderDoesNotMatter() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        String key = UUID.randomUUID().toString();
        place(key, BODY).then().statusCode(201).header("Idempotent-Replayed", nullValue());

        place(key, "{\"metadata\": {\"b\": \"2\", \"a\": \"1\"}, \"to\": \"+14155550123\"}").then().statusCode(201)
                .header("Idempotent-Replayed", "true");
        place(key, "{\"to\": \"+14155550124\"}").then().statusCode(422).contentType("application/problem+json");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void aTwilioRefusalWithRetryAfterIsReplayedNotRepeated() {
        // Twilio may be dialling after any answer to the create request: headers prove nothing.
        for (int status : new int[] {429, 503}) {
            wireMock.resetRequests();
            wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(CallFixtures.json(status,
                    CallFixtures.twilioError(status == 429 ? 20429 : 20503, status)).withHeader("Retry-After", "2")));
            wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
            String key = UUID.randomUUID().toString();
            int first = place(key, BODY).then().extract().statusCode();

            wireMock.stubFor(CallFixtures.twilioCreatesCall());
            place(key, BODY).then().statusCode(first).header("Idempotent-Replayed", "true");
            wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
        }
    }

    @Test
    void anUltravoxRateLimitIsForgottenSoTheRetryPlacesTheCall() {
        wireMock.stubFor(post(urlPathEqualTo(CallFixtures.ULTRAVOX_CREATE)).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "30")));
        String key = UUID.randomUUID().toString();
        place(key, BODY).then().statusCode(429);
        wireMock.verify(0, postRequestedFor(urlPathEqualTo(CALLS_PATH)));

        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        place(key, BODY).then().statusCode(201).header("Idempotent-Replayed", nullValue());
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    @Test
    void aFailureThatMayHaveDialledIsReplayedNotRepeated() {
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(aResponse().withFixedDelay(2_500)
                .withStatus(201)));
        String key = UUID.randomUUID().toString();
        place(key, BODY).then().statusCode(504);

        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        place(key, BODY).then().statusCode(504).header("Idempotent-Replayed", "true");
        wireMock.verify(1, postRequestedFor(urlPathEqualTo(CALLS_PATH)));
    }

    private static Response place(String key, String body) {
        return api().header("Idempotency-Key", key).body(body).post("/api/v1/agents/{agentId}/calls", AGENT_ID);
    }
}
