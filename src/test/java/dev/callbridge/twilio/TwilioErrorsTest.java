package dev.callbridge.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.exception.ApiException;
import dev.callbridge.http.FieldError;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.twilio.TwilioErrors.Operation;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwilioErrorsTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    static final String MORE_INFO = "https://www.twilio.com/docs/errors/";

    @ParameterizedTest(name = "Twilio {0}/{1}, from configured {2} -> {3} {4} on {5}")
    @CsvSource(nullValues = "-", value = {
            // code,  http, fromConfigured, status, kind,                  field
            "21211,   400,  false,          422,    phone-number-rejected, to",
            "21214,   400,  false,          422,    phone-number-rejected, to",
            "21217,   400,  true,           422,    phone-number-rejected, to",
            "21210,   400,  false,          422,    phone-number-rejected, from",
            "21212,   400,  false,          422,    phone-number-rejected, from",
            "21210,   400,  true,           502,    upstream-config,       -",
            "21212,   400,  true,           502,    upstream-config,       -",
            "21215,   400,  false,          403,    geo-permission-denied, -",
            "21216,   400,  false,          403,    destination-blocked,   -",
            "20003,   401,  false,          502,    upstream-credentials,  -",
            "-,       401,  false,          502,    upstream-credentials,  -",
            "20429,   429,  false,          429,    rate-limited,          -",
            "-,       429,  false,          429,    rate-limited,          -",
            "20500,   500,  false,          502,    upstream-error,        -",
            "-,       503,  false,          502,    upstream-error,        -",
            "-,       502,  false,          502,    upstream-error,        -",
            "21205,   400,  false,          502,    upstream-rejected,     -",
            "20404,   404,  false,          502,    upstream-config,       -"})
    void mapsCreateFailures(Integer code, int http, boolean fromConfigured, int status, String kind, String field) {
        TwilioCallException e = translate(code, http, null, Operation.CREATE, fromConfigured);

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.twilioCode()).isEqualTo(code);
        assertThat(e.upstreamStatus()).isEqualTo(http);
        if (field == null) {
            assertThat(e.fieldErrors()).isEmpty();
        } else {
            assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly(field);
        }
    }

    @Test
    void keepsTwiliosCodeAndMoreInfoAndNamesThemInTheDetail() {
        TwilioCallException e = translate(21211, 400, null, Operation.CREATE, false);

        assertThat(e.moreInfo()).isEqualTo(MORE_INFO + 21211);
        assertThat(e.detail()).contains("21211").contains(MORE_INFO + 21211).doesNotContain("+1555");
    }

    @Test
    void unknownCallOnFetchOrHangUpIsNotFound() {
        assertThat(translate(20404, 404, null, Operation.FETCH, false).status()).isEqualTo(404);
        assertThat(translate(20404, 404, null, Operation.HANG_UP, false).status()).isEqualTo(404);
    }

    @Test
    void rateLimitCarriesTwiliosRetryAfterOrOneSecond() {
        assertThat(translate(20429, 429, "7", Operation.CREATE, false).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(translate(20429, 429, null, Operation.CREATE, false).retryAfter()).contains(Duration.ofSeconds(1));
    }

    @Test
    void anUnparseableErrorBodyIsJudgedByTheHttpStatus() {
        // What the SDK throws for an HTML 500: no code, no status, a Jackson message.
        ApiException sdk = new ApiException("Unexpected character ('<' (code 60))");
        TwilioCallException e = TwilioErrors.translate(sdk, new TwilioHttpClient.LastAnswer(500, null),
                Operation.CREATE, false);

        assertThat(e.status()).isEqualTo(502);
        assertThat(e.kind()).isEqualTo("upstream-error");
        assertThat(e.upstreamStatus()).isEqualTo(500);
    }

    @Test
    void aTimeoutIs504() {
        ApiException sdk = new ApiException("Read timed out", new SocketTimeoutException("Read timed out"));
        TwilioCallException e = TwilioErrors.translate(sdk, null, Operation.CREATE, false);

        assertThat(e.status()).isEqualTo(504);
        assertThat(e.kind()).isEqualTo("upstream-timeout");
    }

    @Test
    void aBrokenOrRefusedConnectionIs502() {
        for (IOException cause : new IOException[] {new SocketException("Connection reset"),
                new java.net.ConnectException("Connection refused")}) {
            TwilioCallException e = TwilioErrors.translate(new ApiException(cause.getMessage(), cause), null,
                    Operation.CREATE, false);
            assertThat(e.status()).isEqualTo(502);
            assertThat(e.kind()).isEqualTo("upstream-unavailable");
            assertThat(e.upstreamStatus()).isNull();
        }
    }

    private static TwilioCallException translate(Integer code, int http, String retryAfter, Operation op,
            boolean fromConfigured) {
        ApiException sdk = new ApiException("Twilio says something about +15551230000", code,
                code == null ? null : MORE_INFO + code, http, http, null, null, null);
        return TwilioErrors.translate(sdk, new TwilioHttpClient.LastAnswer(http, retryAfter), op, fromConfigured);
    }
}
