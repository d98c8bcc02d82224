package dev.callbridge.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of every error response: RFC 9457 problem details, plus the request id and,
 * for validation failures, the list of rejected fields.
 */
// Registered for reflection: it is serialised from exception mappers and HttpEdge, never
// returned by a resource method, so a native build would not see it otherwise.
@RegisterForReflection
@Schema(name = "Problem", description = "RFC 9457 problem details, sent as application/problem+json.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        @Schema(required = true, description = "URI naming the kind of problem",
                examples = "https://callbridge.dev/problems/not-found")
        String type,
        @Schema(required = true, description = "Short summary of the kind of problem", examples = "Not Found")
        String title,
        @Schema(required = true, description = "HTTP status code", examples = "404")
        int status,
        @Schema(required = true, description = "Explanation of this occurrence")
        String detail,
        @Schema(description = "Request path", examples = "/api/v1/agents")
        String instance,
        @Schema(required = true, description = "Id of the request, as in the X-Request-Id header and the logs")
        String requestId,
        @Schema(description = "Rejected fields (validation problems only)")
        List<FieldError> errors) {

    /** Media type of every error response. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** Prefix of the {@code type} URIs; the suffix names the kind of problem. */
    public static final String TYPE_PREFIX = "https://callbridge.dev/problems/";
}
