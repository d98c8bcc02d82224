package dev.callbridge.integration;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** Request bodies the suite sends. Every call goes to {@link IntegrationTarget#phoneNumber()}. */
final class Fixtures {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Fixtures() {
    }

    /**
     * A small call template. The agent may hang up itself, and no call lasts beyond five
     * minutes. An Ultravox call nobody joins holds a concurrent-call slot until its join
     * timeout, so against real services that is just above the 15 s the phone rings; in the
     * sandbox (20 times faster) 60 simulated seconds are 3 real ones, room for a slow first
     * Twilio request before the phone leg joins.
     */
    static ObjectNode callTemplate(String systemPrompt) {
        ObjectNode template = JSON.objectNode()
                .put("systemPrompt", systemPrompt)
                .put("temperature", 0.2)
                .put("joinTimeout", IntegrationTarget.sandbox() ? "60s" : "20s")
                .put("maxDuration", "300s")
                .put("recordingEnabled", false);
        template.putArray("selectedTools").addObject().put("toolName", "hangUp");
        return template;
    }

    static ObjectNode callTemplate() {
        return callTemplate("You are the test agent of Callbridge's integration suite. "
                + "Say that this is an automated test call, then hang up.");
    }

    /** A call to the suite's only destination, ringing at most 15 seconds. */
    static ObjectNode call() {
        return JSON.objectNode().put("to", IntegrationTarget.phoneNumber()).put("timeoutSeconds", 15);
    }

    static ObjectNode call(ObjectNode templateContext) {
        ObjectNode call = call();
        call.set("templateContext", templateContext);
        return call;
    }

    /** An id no agent or call has. */
    static String unknownId() {
        return UUID.randomUUID().toString();
    }
}
