package dev.callbridge.call;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.callbridge.call.CallFixtures.AGENT_ID;
import static dev.callbridge.call.CallFixtures.CALLS_PATH;
import static dev.callbridge.call.CallFixtures.CALL_ID;
import static dev.callbridge.call.CallFixtures.TO;
import static dev.callbridge.testing.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.callbridge.testing.InjectWireMock;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request id follows a call through every asynchronous step: the Ultravox client's event
 * loop, the thread running the Twilio SDK, and the compensation after a failure.
 */
@QuarkusTest
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class CallRequestIdTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    @InjectWireMock
    WireMockServer wireMock;

    @BeforeEach
    void reset() {
        wireMock.resetAll();
        wireMock.stubFor(CallFixtures.ultravoxCreatesCall());
        wireMock.stubFor(CallFixtures.ultravoxDeletesCalls());
    }

    private static List<String> linesAbout(LogCapture logs, String needle) {
        return logs.lines().stream().filter(l -> l.contains(needle)).toList();
    }

    @Test
    void everyLineOfAPlacedCallCarriesTheRequestId() {
        wireMock.stubFor(CallFixtures.twilioCreatesCall());
        try (LogCapture logs = LogCapture.install()) {
            api().header("X-Request-Id", "trace-placed-1").body("{\"to\": \"" + TO + "\"}")
                    .post("/api/v1/agents/" + AGENT_ID + "/calls").then().statusCode(201);
            List<String> lines = linesAbout(logs, CALL_ID);
            assertThat(lines).isNotEmpty().allMatch(l -> l.contains("requestId=trace-placed-1"));
        }
    }

    @Test
    void theFailureAndCompensationLinesCarryItToo() {
        wireMock.stubFor(post(urlPathEqualTo(CALLS_PATH)).willReturn(CallFixtures.json(500,
                CallFixtures.twilioError(20500, 500))));
        try (LogCapture logs = LogCapture.install()) {
            api().header("X-Request-Id", "trace-failed-2").body("{\"to\": \"" + TO + "\"}")
                    .post("/api/v1/agents/" + AGENT_ID + "/calls").then().statusCode(502);
            List<String> twilioLines = linesAbout(logs, "Twilio create call failed");
            List<String> callLines = linesAbout(logs, CALL_ID);
            assertThat(twilioLines).isNotEmpty().allMatch(l -> l.contains("requestId=trace-failed-2"));
            assertThat(callLines).isNotEmpty().allMatch(l -> l.contains("requestId=trace-failed-2"));
        }
    }
}
