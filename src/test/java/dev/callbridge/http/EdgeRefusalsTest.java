package dev.callbridge.http;

import static dev.callbridge.testing.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.callbridge.testing.Api;
import dev.callbridge.testing.LogCapture;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile clients at the HTTP edge: requests refused below the REST layer answer the same
 * problem+json, with a request id, as every other error, and log no stack trace.
 */
@QuarkusTest
@Tag("hostile")
class EdgeRefusalsTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.of("dev.callbridge.http.ProblemLog");

    @Test
    void anOverLongUriIs414ProblemJson() throws Exception {
        String answer = RawHttp.exchange(("GET /api/v1/agents?cursor=" + "a".repeat(5000) + " HTTP/1.1\r\n"
                + "Host: localhost\r\nX-API-Key: " + Api.KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertProblem(answer, 414, "uri-too-long");
    }

    @Test
    void overLargeHeadersAre431ProblemJson() throws Exception {
        String answer = RawHttp.exchange(("GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Api.KEY
                + "\r\nX-Filler: " + "b".repeat(20_000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertProblem(answer, 431, "headers-too-large");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413ProblemJsonWithoutAStackTrace() throws Exception {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Api.KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        // One JSON string 1.25 MiB long: valid as far as it goes, so only the size limit stops it.
        byte[] chunk = "c".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        request.writeBytes("a\r\n{\"name\": \"\r\n".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 20; i++) {
            request.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(chunk);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        try (LogCapture log = LogCapture.install()) {
            String answer = RawHttp.exchange(request.toByteArray());
            assertProblem(answer, 413, "payload-too-large");
            assertThat(log.lines()).noneMatch(line -> line.startsWith("ERROR") || line.contains(" | "));
        }
    }

    @Test
    void jsonWithTrailingContentIsRefused() {
        api().body("{\"name\": \"a\", \"callTemplate\": {\"systemPrompt\": \"x\"}} trailing")
                .post("/api/v1/agents")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("malformed-json"));
        api().body("{\"to\": \"+14155550123\"}{\"to\": \"+14155550124\"}")
                .post("/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90/calls")
                .then().statusCode(400).body("type", containsString("malformed-json"))
                .body("detail", containsString("after the JSON value"));
    }

    @Test
    void aBodyWithoutContentTypeIs415() throws Exception {
        String body = "{\"name\": \"a\", \"callTemplate\": {\"systemPrompt\": \"x\"}}";
        String answer = RawHttp.exchange(("POST /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + Api.KEY
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        assertProblem(answer, 415, "unsupported-media-type");
    }

    @Test
    void withoutAKeyTheContentTypeIsNotLookedAt() {
        given().body("{}").post("/api/v1/agents").then().statusCode(401);
    }

    @Test
    void locationNeverComesFromTheHostHeader() {
        api().header("Host", "evil.example").body("{\"to\": \"not a number\"}")
                .post("/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90/calls")
                .then().statusCode(400).header("Location", org.hamcrest.Matchers.nullValue())
                .body("requestId", notNullValue()).body("status", equalTo(400));
    }

    /**
     * A header the HTTP decoder refuses (here a NUL byte) never reaches Callbridge: Vert.x
     * answers an empty 400 and closes the connection (README, "Errors", states the gap). What
     * Callbridge can promise is that nothing behind the decoder runs.
     */
    @Test
    void aHeaderTheDecoderRefusesNeverReachesTheApplication() throws Exception {
        try (LogCapture log = LogCapture.install()) {
            String answer = RawHttp.exchange(("POST /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-API-Key: "
                    + Api.KEY + "\r\nX-Bad: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(answer).startsWith("HTTP/1.1 400 ");
            assertThat(log.lines()).noneMatch(line -> line.contains("/api/v1/agents"));
        }
    }

    private static void assertProblem(String answer, int status, String kind) {
        assertThat(answer).as(answer.length() > 400 ? answer.substring(0, 400) : answer)
                .startsWith("HTTP/1.1 " + status + " ")
                .containsIgnoringCase("content-type: application/problem+json")
                .containsIgnoringCase("x-request-id: ")
                .contains("\"type\":\"https://callbridge.dev/problems/" + kind + "\"")
                .contains("\"requestId\":");
    }
}
