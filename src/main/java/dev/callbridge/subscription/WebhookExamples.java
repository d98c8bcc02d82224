package dev.callbridge.subscription;

/** Example bodies of the webhook operations in the OpenAPI document. */
final class WebhookExamples {

    static final String CREATE = """
            {"url": "https://example.com/callbridge/events",
             "events": ["call.placed", "call.ringing", "call.answered", "call.joined", "call.ended", "call.failed"]}""";

    static final String CREATED = """
            {"id": "3f7d2c1a-8b9e-4f60-a1d2-c3b4a5968778", "url": "https://example.com/callbridge/events",
             "events": ["call.placed", "call.ended"],
             "secret": "whsec_q0F3n5yX2m1Kc8Zb4Hd6Lr9Tg7Vw0Pa2Se5Ju3Ni1x7Qa", "secretHint": "…x7Qa",
             "createdAt": "2026-06-01T12:00:00Z"}""";

    static final String SHOWN = """
            {"id": "3f7d2c1a-8b9e-4f60-a1d2-c3b4a5968778", "url": "https://example.com/callbridge/events",
             "events": ["call.placed", "call.ended"], "secretHint": "…x7Qa", "createdAt": "2026-06-01T12:00:00Z"}""";

    static final String DELIVERIES = """
            {"results": [{"eventId": "evt_4a9d1c52-7c0e-3b8f-9a61-0d2e5f7b8c31", "type": "call.ringing",
              "placementId": "0c6e1f8a-2b7d-4e59-a3c1-9d8f7e6b5a40", "state": "pending", "attempts": 2,
              "lastStatus": 503, "lastError": "The receiver answered 503.",
              "nextAttemptAt": "2026-06-01T12:03:00Z", "deliveredAt": null, "createdAt": "2026-06-01T12:00:01Z"}],
             "next": null}""";

    private WebhookExamples() {
    }
}
