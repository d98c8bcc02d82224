package dev.callbridge.number;

/** Example bodies of {@code /api/v1/numbers} for the OpenAPI document. */
final class NumberExamples {

    /** A route with a greeting and a value for the agent's template. */
    static final String ROUTE = """
            {"agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
             "templateContext": {"clinic": "Example Dental"},
             "metadata": {"line": "reception"},
             "greeting": "Thank you for calling Example Dental, this is Maya. How can I help?"}""";

    /** The route as the API answers it. */
    static final String ROUTED = """
            {"number": "+14155550100", "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
             "templateContext": {"clinic": "Example Dental"}, "metadata": {"line": "reception"},
             "greeting": "Thank you for calling Example Dental, this is Maya. How can I help?",
             "createdAt": "2026-06-01T12:00:00Z", "updatedAt": "2026-06-01T12:00:00Z",
             "voiceUrl": "https://callbridge.example.com/webhooks/twilio/voice",
             "statusCallbackUrl": "https://callbridge.example.com/webhooks/twilio/call-status"}""";

    /** A page of routes, the last one. */
    static final String PAGE = """
            {"results": [
              {"number": "+14155550100", "agentId": "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90",
               "templateContext": null, "metadata": {}, "greeting": null,
               "createdAt": "2026-06-01T12:00:00Z", "updatedAt": "2026-06-02T08:30:00Z",
               "voiceUrl": "https://callbridge.example.com/webhooks/twilio/voice",
               "statusCallbackUrl": "https://callbridge.example.com/webhooks/twilio/call-status"}],
             "next": null}""";

    private NumberExamples() {
    }
}
