package dev.callbridge.twilio;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.metrics.UpstreamFailure;
import dev.callbridge.http.FieldError;
import dev.callbridge.resilience.FailureKind;
import dev.callbridge.resilience.VendorFailure;
import java.time.Duration;
import java.util.List;

/**
 * A Twilio failure, already phrased for Callbridge's client. Keeps what Twilio said (its
 * error code, the HTTP status and the {@code more_info} link) for logs and callers, but the
 * client-facing detail is Callbridge's own wording: Twilio's messages may quote phone numbers.
 */
public class TwilioCallException extends ApiProblemException implements UpstreamFailure, VendorFailure {

    private final Integer twilioCode;
    private final Integer upstreamStatus;
    private final String moreInfo;
    private final boolean notSent;

    TwilioCallException(Integer twilioCode, Integer upstreamStatus, String moreInfo, int status, String kind,
            String title, String detail, List<FieldError> fieldErrors, Duration retryAfter) {
        this(twilioCode, upstreamStatus, moreInfo, status, kind, title, detail, fieldErrors, retryAfter, false);
    }

    /** @param notSent true when no connection could be made, so Twilio never saw the request */
    TwilioCallException(Integer twilioCode, Integer upstreamStatus, String moreInfo, int status, String kind,
            String title, String detail, List<FieldError> fieldErrors, Duration retryAfter, boolean notSent) {
        super(status, kind, title, detail, fieldErrors, retryAfter);
        this.twilioCode = twilioCode;
        this.upstreamStatus = upstreamStatus;
        this.moreInfo = moreInfo;
        this.notSent = notSent;
    }

    /**
     * Retries and the circuit breaker: only a refused connection proves Twilio never saw the
     * request; any 4xx answer but 429 means Twilio is healthy.
     */
    @Override
    public FailureKind failureKind() {
        if (notSent) {
            return FailureKind.NOT_SENT;
        }
        if ((upstreamStatus != null && upstreamStatus == 429) || (twilioCode != null && twilioCode == 20429)) {
            return FailureKind.RATE_LIMITED;
        }
        if (upstreamStatus != null && upstreamStatus >= 400 && upstreamStatus < 500) {
            return FailureKind.CLIENT_ERROR;
        }
        return FailureKind.TRANSIENT;
    }

    /** Twilio's error code ({@code 21211}, {@code 20003}...), or null when Twilio sent none. */
    public Integer twilioCode() {
        return twilioCode;
    }

    /** The HTTP status Twilio answered, or null when no answer arrived. */
    @Override
    public Integer upstreamStatus() {
        return upstreamStatus;
    }

    /** Twilio's documentation link for the error, or null. */
    public String moreInfo() {
        return moreInfo;
    }
}
