package dev.callbridge.ultravox;

import dev.callbridge.http.ApiProblemException;
import dev.callbridge.metrics.UpstreamFailure;
import dev.callbridge.http.FieldError;
import dev.callbridge.resilience.FailureKind;
import dev.callbridge.resilience.VendorFailure;
import java.time.Duration;
import java.util.List;

/**
 * An Ultravox failure, already phrased for Callbridge's client. Keeps the upstream status
 * and a coarse {@link Reason} so callers (compensation, metrics) can branch without parsing.
 */
public class UltravoxException extends ApiProblemException implements UpstreamFailure, VendorFailure {

    /** Whether {@code failure} is Ultravox saying it does not know the resource (404). */
    public static boolean notFound(Throwable failure) {
        return failure instanceof UltravoxException problem && problem.status() == 404;
    }

    /** Why the Ultravox operation failed. */
    public enum Reason {
        /** Ultravox rejected the input (400/422). */
        REJECTED_INPUT,
        /** The named resource does not exist (404). */
        NOT_FOUND,
        /** Callbridge's Ultravox key was refused (401/403). */
        CREDENTIALS_REJECTED,
        /** Ultravox asked to slow down (429). */
        RATE_LIMITED,
        /** Ultravox answered with a server error or an unexpected status. */
        UPSTREAM_ERROR,
        /** No answer within the timeout. */
        TIMEOUT,
        /** No connection could be made; the request never reached Ultravox. */
        UNREACHABLE,
        /** Ultravox answered 2xx with a body Callbridge cannot use. */
        BAD_RESPONSE
    }

    private final Reason reason;
    private final Integer upstreamStatus;

    UltravoxException(Reason reason, Integer upstreamStatus, int status, String kind, String title,
            String detail, List<FieldError> fieldErrors, Duration retryAfter) {
        super(status, kind, title, detail, fieldErrors, retryAfter);
        this.reason = reason;
        this.upstreamStatus = upstreamStatus;
    }

    public Reason reason() {
        return reason;
    }

    /** Retries and the circuit breaker: any 4xx answer but 429 means Ultravox is healthy. */
    @Override
    public FailureKind failureKind() {
        if (reason == Reason.UNREACHABLE) {
            return FailureKind.NOT_SENT;
        }
        if (reason == Reason.RATE_LIMITED) {
            return FailureKind.RATE_LIMITED;
        }
        if (upstreamStatus != null && upstreamStatus >= 400 && upstreamStatus < 500) {
            return FailureKind.CLIENT_ERROR;
        }
        return FailureKind.TRANSIENT;
    }

    /** A 429 means Ultravox refused the request without acting on it (no call, no agent exists). */
    @Override
    public boolean provablyHadNoEffect() {
        return reason == Reason.RATE_LIMITED;
    }

    /**
     * Whether a creation that failed this way may still have created its call or agent at
     * Ultravox: no answer in time, a server error, or a 2xx answer that could not be read.
     */
    public boolean mayHaveCreated() {
        return reason == Reason.TIMEOUT || reason == Reason.UPSTREAM_ERROR || reason == Reason.BAD_RESPONSE;
    }

    /** The HTTP status Ultravox answered, or null when it did not answer. */
    @Override
    public Integer upstreamStatus() {
        return upstreamStatus;
    }
}
