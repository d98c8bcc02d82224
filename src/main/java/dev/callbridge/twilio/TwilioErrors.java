package dev.callbridge.twilio;

import com.twilio.exception.ApiException;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.RetryAfter;
import io.quarkus.logging.Log;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Translates what a Twilio SDK operation failed with into a {@link TwilioCallException}. The
 * table follows Twilio's error codes first and the HTTP status second, because the SDK reads
 * the status from the error body and loses it when the body is not JSON.
 */
final class TwilioErrors {

    /** What was attempted; decides how a 404 reads. */
    enum Operation {
        CREATE("create call"), FETCH("fetch call"), LIST("list calls"), HANG_UP("hang up call"), REDIRECT("redirect call");

        private final String label;

        Operation(String label) {
            this.label = label;
        }
    }

    private TwilioErrors() {
    }

    /**
     * @param failure          what the SDK threw
     * @param answer           the last HTTP answer on the calling thread, or null when none arrived
     * @param operation        what was attempted
     * @param fromIsConfigured whether the caller id came from server configuration
     */
    static TwilioCallException translate(Throwable failure, TwilioHttpClient.LastAnswer answer, Operation operation,
            boolean fromIsConfigured) {
        if (failure instanceof TwilioCallException already) {
            return already;
        }
        Integer status = answer != null ? Integer.valueOf(answer.status()) : null;
        if (failure instanceof ApiException api && (api.getCode() != null || status != null)) {
            Integer effectiveStatus = status != null ? status : positiveOrNull(api.getStatusCode());
            String retryAfter = answer == null ? null : answer.retryAfter();
            Log.warnf("Twilio %s failed: status %s, code %s, more info %s", operation.label, effectiveStatus,
                    api.getCode(), api.getMoreInfo());
            return fromAnswer(new Answer(api.getCode(), effectiveStatus, api.getMoreInfo(), retryAfter), operation,
                    fromIsConfigured);
        }
        if (isTimeout(failure)) {
            Log.errorf("Twilio %s timed out", operation.label);
            return problem(new Answer(null, null, null, null), 504, "upstream-timeout", "Upstream Timeout",
                    "Twilio did not answer in time.");
        }
        Log.errorf("Twilio %s failed without an answer: %s", operation.label, rootType(failure));
        return new TwilioCallException(null, null, null, 502, "upstream-unavailable", "Bad Gateway",
                "The connection to Twilio failed.", List.of(), null, connectionRefused(failure));
    }

    /** The mapping table: Twilio's code and status to the problem Callbridge answers. */
    static TwilioCallException fromAnswer(Answer a, Operation operation, boolean fromIsConfigured) {
        int code = a.code() == null ? -1 : a.code();
        int status = a.status() == null ? -1 : a.status();
        return switch (code) {
            case 21211, 21217 -> field(a, "to", "is not a valid phone number for Twilio");
            case 21214 -> field(a, "to", "cannot be reached: Twilio cannot route calls to this number");
            case 21210, 21212 -> fromIsConfigured ? misconfiguredCallerId(a) : field(a, "from",
                    code == 21210 ? "is not a Twilio number or verified caller ID of this account"
                            : "is not a valid caller ID");
            case 21215 -> problem(a, 403, "geo-permission-denied", "Destination not permitted",
                    "The Twilio account's voice geographic permissions do not allow calls to this destination. "
                            + "Enable the destination country under Voice > Settings > Geo permissions in the Twilio console.");
            case 21216 -> problem(a, 403, "destination-blocked", "Destination not permitted",
                    "Twilio blocks calls to this number (for example a high-risk or blocked destination).");
            case 20003 -> credentialsRejected(a);
            case 20429 -> rateLimited(a);
            case 20404 -> notFound(a, operation);
            default -> byStatus(a, status, operation);
        };
    }

    private static TwilioCallException byStatus(Answer a, int status, Operation operation) {
        if (status == 401) {
            return credentialsRejected(a);
        }
        if (status == 429) {
            return rateLimited(a);
        }
        if (status == 404) {
            return notFound(a, operation);
        }
        if (status >= 200 && status < 300) {
            // Twilio accepted the request but its answer could not be read: the call may exist.
            return problem(a, 502, "upstream-bad-response", "Bad Gateway",
                    "Twilio answered with a body Callbridge cannot read; the call may have been placed.");
        }
        if (status >= 500) {
            return new TwilioCallException(a.code(), a.status(), a.moreInfo(), 502, "upstream-error", "Bad Gateway",
                    "Twilio failed with status " + status + "." + reference(a), List.of(),
                    status == 503 ? RetryAfter.parse(a.retryAfter(), null) : null);
        }
        return problem(a, 502, "upstream-rejected", "Bad Gateway",
                "Twilio rejected the request" + (status > 0 ? " with status " + status : "") + "." + reference(a));
    }

    private static TwilioCallException field(Answer a, String field, String message) {
        return new TwilioCallException(a.code(), a.status(), a.moreInfo(), 422, "phone-number-rejected",
                "Phone number rejected", "Twilio rejected '" + field + "': " + message + "." + reference(a),
                List.of(new FieldError(field, message)), null);
    }

    private static TwilioCallException misconfiguredCallerId(Answer a) {
        return problem(a, 502, "upstream-config", "Bad Gateway",
                "Twilio refused the configured caller ID (TWILIO_PHONE_NUMBER): it must be a Twilio number "
                        + "or a verified caller ID of the account." + reference(a));
    }

    private static TwilioCallException credentialsRejected(Answer a) {
        return problem(a, 502, "upstream-credentials", "Twilio credentials rejected",
                "Twilio rejected Callbridge's credentials; check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.");
    }

    private static TwilioCallException rateLimited(Answer a) {
        return new TwilioCallException(a.code(), a.status(), a.moreInfo(), 429, "rate-limited", "Too Many Requests",
                "Twilio is rate limiting requests; retry later.", List.of(),
                RetryAfter.parse(a.retryAfter(), Duration.ofSeconds(1)));
    }

    private static TwilioCallException notFound(Answer a, Operation operation) {
        if (operation == Operation.CREATE || operation == Operation.LIST) {
            // Creating or listing calls names no call; a 404 means the account in the URL is unknown.
            return problem(a, 502, "upstream-config", "Bad Gateway",
                    "Twilio does not know the configured account (TWILIO_ACCOUNT_SID)." + reference(a));
        }
        return problem(a, 404, "not-found", "Resource not found", "Twilio does not know this call.");
    }

    private static TwilioCallException problem(Answer a, int status, String kind, String title, String detail) {
        return new TwilioCallException(a.code(), a.status(), a.moreInfo(), status, kind, title, detail, List.of(),
                null);
    }

    private static String reference(Answer a) {
        if (a.code() == null) {
            return "";
        }
        return " (Twilio error " + a.code() + (a.moreInfo() == null ? "" : ", " + a.moreInfo()) + ")";
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    /** A refused connection (the SDK wraps Apache's HttpHostConnectException): nothing was sent. */
    private static boolean connectionRefused(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String rootType(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    private static Integer positiveOrNull(Integer value) {
        return value == null || value <= 0 ? null : value;
    }

    /** The parts of Twilio's answer that decide the translation. */
    record Answer(Integer code, Integer status, String moreInfo, String retryAfter) {
    }
}
