package dev.callbridge.http;

/**
 * OpenAPI pieces shared by every resource: the name of the API-key security scheme that
 * {@link ApiKeyFilter} enforces, and example problem bodies. The scheme itself, title,
 * version and description are declared in application.properties ({@code ## API docs}).
 */
public final class ApiDocs {

    /**
     * Name of the security scheme ({@code quarkus.smallrye-openapi.security-scheme-name});
     * resources refer to it in {@code @SecurityRequirement}.
     */
    public static final String API_KEY_SCHEME = "apiKey";

    /** A 401 problem body as the API sends it. */
    public static final String UNAUTHORIZED_EXAMPLE = """
            {"type": "https://callbridge.dev/problems/unauthorized", "title": "Unauthorized", "status": 401,
             "detail": "Send your Callbridge API key in the X-API-Key header.", "instance": "/api/v1/agents",
             "requestId": "0b6f3c1e-5d2a-4f7b-9e61-2c8d4a7f1b30"}""";

    /** A 400 validation problem body with field errors. */
    public static final String VALIDATION_EXAMPLE = """
            {"type": "https://callbridge.dev/problems/validation", "title": "Request validation failed",
             "status": 400, "detail": "Field 'name': must be 1-64 letters, digits, '_' or '-'", "instance": "/api/v1/agents",
             "requestId": "0b6f3c1e-5d2a-4f7b-9e61-2c8d4a7f1b30",
             "errors": [{"field": "name", "message": "must be 1-64 letters, digits, '_' or '-'"}]}""";

    private ApiDocs() {
    }
}
