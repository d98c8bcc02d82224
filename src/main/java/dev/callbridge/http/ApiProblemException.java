package dev.callbridge.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failure that already knows how it is shown to the client. Every domain and vendor
 * exception extends it, so one exception mapper renders them all as problem+json.
 */
public class ApiProblemException extends RuntimeException {

    /** Most field errors listed in one answer; the detail gives the full count. */
    public static final int MAX_FIELD_ERRORS = 50;

    private final int status;
    private final String kind;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;
    private final boolean noEffect;

    /**
     * @param status     HTTP status sent to the client
     * @param kind       short slug that ends the problem {@code type} URI
     * @param title      short, stable summary of the kind of problem
     * @param detail     explanation of this occurrence; must never carry a secret
     * @param fieldErrors rejected fields, empty when the problem is not about input
     * @param retryAfter  when set, sent as {@code Retry-After}
     */
    public ApiProblemException(int status, String kind, String title, String detail,
            List<FieldError> fieldErrors, Duration retryAfter) {
        this(status, kind, title, detail, fieldErrors, retryAfter, false);
    }

    /**
     * @param noEffect true when the request was refused before anything reached a vendor, so
     *                 repeating it cannot repeat an effect (see {@link #provablyHadNoEffect()})
     */
    protected ApiProblemException(int status, String kind, String title, String detail,
            List<FieldError> fieldErrors, Duration retryAfter, boolean noEffect) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors.size() > MAX_FIELD_ERRORS
                ? fieldErrors.subList(0, MAX_FIELD_ERRORS) : fieldErrors);
        this.retryAfter = retryAfter;
        this.noEffect = noEffect;
    }

    /** A problem without field errors or retry hint. */
    public ApiProblemException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, List.of(), null);
    }

    /**
     * 400 listing the rejected fields (the first {@value #MAX_FIELD_ERRORS}; the detail counts
     * them all). Validation runs before any vendor request, so the refusal had no effect.
     */
    public static ApiProblemException validation(List<FieldError> errors) {
        return validation(errors, errors.size());
    }

    /**
     * 400 for input with {@code total} problems, of which at least the first
     * {@value #MAX_FIELD_ERRORS} are in {@code errors}; a checker that stops keeping errors
     * at the cap still counts them all.
     */
    public static ApiProblemException validation(List<FieldError> errors, int total) {
        String detail;
        if (total == 1 && !errors.isEmpty()) {
            detail = "Field '" + errors.get(0).field() + "': " + errors.get(0).message();
        } else if (total <= MAX_FIELD_ERRORS) {
            detail = total + " fields are invalid; see 'errors'.";
        } else {
            detail = total + " field errors; 'errors' lists the first " + MAX_FIELD_ERRORS + ".";
        }
        return new ApiProblemException(400, "validation", "Request validation failed", detail, errors, null, true);
    }

    /**
     * A refusal before the request did anything (overload, shutdown): repeating it is safe, and
     * an idempotency key used with it is forgotten.
     */
    public static ApiProblemException refusal(int status, String kind, String title, String detail,
            Duration retryAfter) {
        return new ApiProblemException(status, kind, title, detail, List.of(), retryAfter, true);
    }

    /** 404 for a resource the client named by id. */
    public static ApiProblemException notFound(String resource, String id) {
        return new ApiProblemException(404, "not-found", "Resource not found",
                "No " + resource + " with id '" + id + "' exists.");
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether the request provably changed nothing anywhere: refused by validation, admission
     * or an open breaker before any vendor request, or by a vendor that said it did nothing.
     * Only such failures release an idempotency key; every other answer is kept, because a
     * vendor may already have acted on the request.
     */
    public boolean provablyHadNoEffect() {
        return noEffect;
    }
}
