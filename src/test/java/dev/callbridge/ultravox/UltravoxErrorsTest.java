package dev.callbridge.ultravox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.http.FieldError;
import dev.callbridge.testing.QuietLogs;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The translation table from Ultravox failures to client-facing problems. */
class UltravoxErrorsTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static UltravoxException answer(int status, String body, String retryAfter) {
        Response.ResponseBuilder r = Response.status(status).entity(body);
        if (retryAfter != null) {
            r.header("Retry-After", retryAfter);
        }
        return UltravoxErrors.translate(UltravoxResponseException.of(r.build()), "op", "agent", "id-1");
    }

    @ParameterizedTest
    @CsvSource({
            "400, 422, REJECTED_INPUT",
            "422, 422, REJECTED_INPUT",
            "401, 502, CREDENTIALS_REJECTED",
            "403, 502, CREDENTIALS_REJECTED",
            "404, 404, NOT_FOUND",
            "429, 429, RATE_LIMITED",
            "409, 502, UPSTREAM_ERROR",
            "500, 502, UPSTREAM_ERROR",
            "503, 502, UPSTREAM_ERROR"})
    void statusTable(int upstream, int client, UltravoxException.Reason reason) {
        UltravoxException e = answer(upstream, "", null);
        assertThat(e.status()).isEqualTo(client);
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.upstreamStatus()).isEqualTo(upstream);
    }

    @Test
    void notFoundNamesTheId() {
        assertThat(answer(404, "{\"detail\": \"Not found.\"}", null).detail()).contains("agent").contains("id-1");
    }

    @Test
    void rateLimitKeepsRetryAfter() {
        assertThat(answer(429, "", "12").retryAfter()).hasValueSatisfying(d -> assertThat(d.toSeconds()).isEqualTo(12));
        assertThat(answer(429, "", null).retryAfter()).isPresent();
    }

    @Test
    void credentialsDetailNeverEchoesTheBody() {
        UltravoxException e = answer(401, "{\"detail\": \"key SECRET123 invalid\"}", null);
        assertThat(e.detail()).doesNotContain("SECRET123").contains("ULTRAVOX_API_KEY");
    }

    @Test
    void fieldMessagesAreFlattened() {
        List<FieldError> fields = new ArrayList<>();
        String detail = UltravoxErrors.fieldMessages(
                "{\"name\": [\"taken\"], \"callTemplate\": {\"voice\": [\"unknown\", \"bad\"]}}", fields);
        assertThat(detail).isNull();
        assertThat(fields).containsExactly(new FieldError("name", "taken"),
                new FieldError("callTemplate.voice", "unknown"), new FieldError("callTemplate.voice", "bad"));
    }

    @Test
    void plainTextAndDetailBodiesBecomeTheDetail() {
        List<FieldError> fields = new ArrayList<>();
        assertThat(UltravoxErrors.fieldMessages("Message type \"x\" has no field named \"y\"", fields))
                .contains("has no field named");
        assertThat(UltravoxErrors.fieldMessages("{\"detail\": \"Bad duration\"}", fields)).contains("Bad duration");
        assertThat(UltravoxErrors.fieldMessages("x".repeat(5000), fields)).hasSizeLessThan(400);
        assertThat(fields).isEmpty();
    }

    @Test
    void transportFailures() {
        assertThat(UltravoxErrors.translate(new ProcessingException(new ConnectException("refused")), "op", "agent", null)
                .reason()).isEqualTo(UltravoxException.Reason.UNREACHABLE);
        UltravoxException timeout = UltravoxErrors.translate(
                new ProcessingException(new TimeoutException("slow")), "op", "agent", null);
        assertThat(timeout.reason()).isEqualTo(UltravoxException.Reason.TIMEOUT);
        assertThat(timeout.status()).isEqualTo(504);
        assertThat(UltravoxErrors.translate(new IllegalStateException("?"), "op", "agent", null).status())
                .isEqualTo(502);
    }
}
