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

    /** A call placement as the API answers it. */
    public static final String PLACED_CALL_EXAMPLE = """
            {"callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f", "twilioCallSid": "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b",
             "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "to": "+14155552671", "from": "+14155550100",
             "status": "queued", "createdAt": "2026-06-01T12:00:00Z",
             "joinUrl": "wss://voice.example/calls/8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f"}""";

    /** A 503 problem body: the instance sheds load or drains, or a vendor's breaker is open. */
    public static final String UNAVAILABLE_EXAMPLE = """
            {"type": "https://callbridge.dev/problems/overloaded", "title": "Service Unavailable", "status": 503,
             "detail": "Too many calls are being placed right now; retry shortly.",
             "instance": "/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90/calls",
             "requestId": "0b6f3c1e-5d2a-4f7b-9e61-2c8d4a7f1b30"}""";

    private ApiDocs() {
    }
}
