package dev.callbridge.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of every error response: RFC 9457 problem details, plus the request id and,
 * for validation failures, the list of rejected fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String requestId,
        List<FieldError> errors) {

    /** Media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of the {@code type} URIs; the suffix names the kind of problem. */
    public static final String TYPE_PREFIX = "https://callbridge.dev/problems/";
}
