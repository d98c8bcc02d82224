package dev.callbridge.http;

/**
 * Names and examples the OpenAPI document shares between resources and
 * {@link SharedResponsesFilter}: the API-key security scheme that {@link ApiKeyFilter} enforces,
 * the shared problem responses and headers (declared once, in components, by the filter), and
 * example bodies taken from the README's Quickstart. Title, version, licence and the scheme
 * itself are declared in application.properties ({@code ## API docs}).
 */
public final class ApiDocs {

    /**
     * Name of the security scheme ({@code quarkus.smallrye-openapi.security-scheme-name});
     * resources refer to it in {@code @SecurityRequirement}.
     */
    public static final String API_KEY_SCHEME = "apiKey";

    /** Shared response: malformed JSON, invalid fields or a bad Idempotency-Key (400). */
    public static final String BAD_REQUEST = "BadRequest";
    /** Shared response: Twilio forbids the destination (403). */
    public static final String FORBIDDEN = "Forbidden";
    /** Shared response: the agent or call in the path is unknown (404). */
    public static final String NOT_FOUND = "NotFound";
    /** Shared response: the same Idempotency-Key is still being processed (409). */
    public static final String CONFLICT = "Conflict";
    /** Shared response: a vendor rejected the input, or an Idempotency-Key was reused (422). */
    public static final String UNPROCESSABLE = "Unprocessable";

    /** Shared header: the request id every response carries. */
    public static final String REQUEST_ID_HEADER = RequestIds.HEADER;
    /** Shared header: the URL of a created resource. */
    public static final String LOCATION_HEADER = "Location";
    /** Shared header: seconds to wait before retrying. */
    public static final String RETRY_AFTER_HEADER = "Retry-After";
    /** Shared header: marks a replayed answer (value of {@code Idempotency.REPLAYED}). */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** Quickstart step 1: the body that creates the agent. */
    public static final String CREATE_AGENT_EXAMPLE = """
            {"name": "reminder_bot",
             "callTemplate": {"systemPrompt": "You are Maya from Example Dental. Remind {{patient}} of the appointment on {{date}}.",
              "voice": "Jessica", "firstSpeakerSettings": {"user": {}}}}""";

    /** A rename that also removes a field of the template (a merge patch null). */
    public static final String UPDATE_AGENT_EXAMPLE = """
            {"name": "reminder_bot_v2", "callTemplate": {"voice": null, "temperature": 0.3}}""";

    /** Quickstart step 3: the body that places the call. */
    public static final String PLACE_CALL_EXAMPLE = """
            {"to": "+14155552671", "templateContext": {"patient": "Ada", "date": "Monday at 10:00"}}""";

    /** An agent as the API answers it. */
    public static final String AGENT_EXAMPLE = """
            {"agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "name": "reminder_bot",
             "publishedRevisionId": "11e3db80-7a26-4984-9545-7a8d9e04ac47", "created": "2026-06-01T12:00:00Z",
             "callTemplate": {"systemPrompt": "You are Maya from Example Dental. Remind {{patient}} of the appointment on {{date}}.",
              "voice": "Jessica", "firstSpeakerSettings": {"user": {}}},
             "statistics": {"calls": 0}}""";

    /** A call placement as the API answers it. */
    public static final String PLACED_CALL_EXAMPLE = """
            {"placementId": "3f1c2b9e-5a7d-4e21-9c3b-8d6f0a1e2b4c", "callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f",
             "twilioCallSid": "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b",
             "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "to": "+14155552671", "from": "+14155550100",
             "status": "queued", "createdAt": "2026-06-01T12:00:00Z", "connectMode": "inline"}""";

    /** Quickstart step 4: a call being followed. */
    public static final String CALL_DETAILS_EXAMPLE = """
            {"callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f", "twilioCallSid": "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b",
             "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "to": "+14155552671", "from": "+14155550100",
             "createdAt": "2026-06-01T12:00:00Z", "status": "in-progress", "answeredBy": "human",
             "twilio": {"status": "in-progress", "startTime": "2026-06-01T12:00:04Z"},
             "ultravox": {"joined": "2026-06-01T12:00:05Z"},
             "placement": {"placementId": "0c6e1f8a-2b7d-4e59-a3c1-9d8f7e6b5a40",
              "callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f", "twilioCallSid": "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b",
              "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90", "to": "+14155552671", "from": "+14155550100",
              "direction": "outbound", "state": "dialed", "twilioStatus": "in-progress", "acceptedAt": "2026-06-01T11:59:59.800Z",
              "steps": [{"state": "accepted", "at": "2026-06-01T11:59:59.800Z"},
               {"state": "ultravox_created", "at": "2026-06-01T12:00:00.050Z"},
               {"state": "dialing", "at": "2026-06-01T12:00:00.051Z"},
               {"state": "dialed", "at": "2026-06-01T12:00:00.300Z"}],
              "connectMode": "inline", "machineDetection": "hang-up", "answeredBy": "human"},
             "timeline": [
              {"source": "callbridge", "event": "accepted", "at": "2026-06-01T11:59:59.800Z"},
              {"source": "callbridge", "event": "ultravox_created", "at": "2026-06-01T12:00:00.050Z"},
              {"source": "callbridge", "event": "dialing", "at": "2026-06-01T12:00:00.051Z"},
              {"source": "callbridge", "event": "dialed", "at": "2026-06-01T12:00:00.300Z"},
              {"source": "twilio", "event": "initiated", "sequenceNumber": 0, "at": "2026-06-01T12:00:01Z",
               "receivedAt": "2026-06-01T12:00:01.210Z"},
              {"source": "twilio", "event": "ringing", "sequenceNumber": 1, "at": "2026-06-01T12:00:02Z",
               "receivedAt": "2026-06-01T12:00:02.190Z"},
              {"source": "twilio", "event": "in-progress", "sequenceNumber": 2, "at": "2026-06-01T12:00:04Z",
               "receivedAt": "2026-06-01T12:00:04.230Z"},
              {"source": "ultravox", "event": "joined", "at": "2026-06-01T12:00:05Z"}]}""";

    /** A page of the call ledger: a dialled call and a placement Ultravox refused. */
    public static final String CALL_PAGE_EXAMPLE = """
            {"results": [
              {"placementId": "0c6e1f8a-2b7d-4e59-a3c1-9d8f7e6b5a40", "callId": "8b9f2c1e-4d3a-4b6e-9f10-1a2b3c4d5e6f",
               "twilioCallSid": "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b", "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
               "to": "+14155552671", "from": "+14155550100", "direction": "outbound", "state": "dialed",
               "twilioStatus": "queued",
               "acceptedAt": "2026-06-01T11:59:59.800Z",
               "steps": [{"state": "accepted", "at": "2026-06-01T11:59:59.800Z"},
                {"state": "ultravox_created", "at": "2026-06-01T12:00:00.050Z"},
                {"state": "dialing", "at": "2026-06-01T12:00:00.051Z"},
                {"state": "dialed", "at": "2026-06-01T12:00:00.300Z"}],
               "connectMode": "inline", "machineDetection": "off"},
              {"placementId": "7d2a9c4b-1e3f-4a5b-8c6d-0e1f2a3b4c5d", "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
               "to": "+14155552672", "from": "+14155550100", "direction": "outbound", "state": "failed",
               "acceptedAt": "2026-06-01T11:58:00Z",
               "steps": [{"state": "accepted", "at": "2026-06-01T11:58:00Z"}, {"state": "failed", "at": "2026-06-01T11:58:00.200Z"}],
               "error": {"kind": "upstream-error", "status": 502}, "connectMode": "inline", "machineDetection": "off"}],
             "next": "djE6MTc4MDMxNTA4MDAwMDAwMDo3ZDJhOWM0Yi0xZTNmLTRhNWItOGM2ZC0wZTFmMmEzYjRjNWQ"}""";

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

    /** A 404 problem body. */
    public static final String NOT_FOUND_EXAMPLE = """
            {"type": "https://callbridge.dev/problems/not-found", "title": "Resource not found", "status": 404,
             "detail": "No agent with id '4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90' exists.",
             "instance": "/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
             "requestId": "0b6f3c1e-5d2a-4f7b-9e61-2c8d4a7f1b30"}""";

    /** A 503 problem body: the instance sheds load or drains, or a vendor's breaker is open. */
    public static final String UNAVAILABLE_EXAMPLE = """
            {"type": "https://callbridge.dev/problems/overloaded", "title": "Service Unavailable", "status": 503,
             "detail": "Too many calls are being placed right now; retry shortly.",
             "instance": "/api/v1/agents/4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90/calls",
             "requestId": "0b6f3c1e-5d2a-4f7b-9e61-2c8d4a7f1b30"}""";

    private ApiDocs() {
    }
}
