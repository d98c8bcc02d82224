package dev.callbridge.http;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A failure that already knows how it is shown to the client. Every domain and vendor
 * exception extends it, so one exception mapper renders them all as problem+json.
 */
public class ApiProblemException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<FieldError> fieldErrors;
    private final Duration retryAfter;

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
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.retryAfter = retryAfter;
    }

    /** A problem without field errors or retry hint. */
    public ApiProblemException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, List.of(), null);
    }

    /** 400 listing every rejected field. */
    public static ApiProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? "Field '" + errors.get(0).field() + "': " + errors.get(0).message()
                : errors.size() + " fields are invalid; see 'errors'.";
        return new ApiProblemException(400, "validation", "Request validation failed", detail, errors, null);
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
}
