package dev.callbridge.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.call.ConversationEvent;
import dev.callbridge.http.ApiProblemException;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * An Ultravox webhook's body, {@code {"event": "...", "call": {...}}}, read for what the call
 * ledger keeps: the event, the call's id, and its {@code joined}, {@code ended},
 * {@code endReason}, {@code shortSummary} and {@code summary}. The rest of the Call object (the
 * rendered prompt, metadata, billing) is not kept. Read only once the signature is verified.
 */
record UltravoxWebhook(String event, String callId, ConversationEvent conversation) {

    /**
     * Largest body accepted. The Call object carries the rendered system prompt and the
     * summaries, a few KiB as a rule; a refusal would only make Ultravox retry in vain, so the
     * bound leaves wide room while still sparing the open endpoint a megabyte per stranger.
     */
    static final int MAX_BYTES = 256 * 1024;
    /** Longest call id or {@code endReason} kept: Ultravox's are a UUID and a short word. */
    private static final int MAX_TOKEN = 64;
    private static final String WHAT = "Ultravox webhook";
    private static final Set<String> LEDGER_EVENTS = Set.of("call.joined", "call.ended", "call.billed");

    /** Refuses a body announced larger than {@link #MAX_BYTES} before it is read. */
    static void checkLength(String contentLength) {
        BodyLimit.checkDeclared(contentLength, MAX_BYTES, WHAT);
    }

    /** Refuses a body larger than {@link #MAX_BYTES}, for one sent without a length. */
    static void checkSize(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw BodyLimit.tooLarge(MAX_BYTES, WHAT);
        }
    }

    /** Reads {@code body}, received at {@code receivedAt}; anything malformed is a 400. */
    static UltravoxWebhook parse(ObjectMapper json, byte[] body, Instant receivedAt) {
        JsonNode root = tree(json, body);
        String event = text(root, "", "event", MAX_TOKEN, true);
        JsonNode call = root.get("call");
        if (call == null || !call.isObject()) {
            throw malformed("'call' must be the Call object.");
        }
        String callId = text(call, "call.", "callId", MAX_TOKEN, true);
        if (!callId.matches("[A-Za-z0-9-]+")) {
            throw malformed("'call.callId' must be letters, digits and '-'.");
        }
        ConversationEvent conversation = new ConversationEvent(event, time(call, "joined"), time(call, "ended"),
                text(call, "call.", "endReason", MAX_TOKEN, false),
                text(call, "call.", "shortSummary", MAX_BYTES, false),
                text(call, "call.", "summary", MAX_BYTES, false), receivedAt);
        return new UltravoxWebhook(event, callId, conversation);
    }

    /**
     * Whether the ledger keeps anything of this event: the join and the end of the conversation.
     * {@code call.billed} carries the same ended Call object, and Ultravox suggests subscribing
     * to either it or {@code call.ended}; it may also bring summaries {@code call.ended} lacked.
     * The ledger keeps the first value of each field, so taking both changes nothing twice.
     */
    boolean concernsLedger() {
        return LEDGER_EVENTS.contains(event);
    }

    private static JsonNode tree(ObjectMapper json, byte[] body) {
        try {
            JsonNode root = body.length == 0 ? null : json.readTree(body);
            if (root == null || !root.isObject()) {
                throw malformed("The body must be a JSON object {\"event\", \"call\"}.");
            }
            return root;
        } catch (JacksonException e) {
            // Jackson's message quotes the body, and a Call object holds its join URL: only the place.
            String at = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw malformed("The body is not valid JSON" + at + ".");
        } catch (IOException e) {
            throw malformed("The body could not be read.");
        }
    }

    private static String text(JsonNode parent, String prefix, String field, int maxLength, boolean required) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw malformed("'" + prefix + field + "' is required.");
            }
            return null;
        }
        if (!value.isTextual() || (required && value.asText().isEmpty()) || value.asText().length() > maxLength) {
            throw malformed("'" + prefix + field + "' must be a string of " + (required ? "1" : "0") + " to "
                    + maxLength + " characters.");
        }
        return value.asText();
    }

    private static Instant time(JsonNode call, String field) {
        String value = text(call, "call.", field, MAX_TOKEN, false);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw malformed("'call." + field + "' must be an RFC 3339 date and time.");
        }
    }

    private static ApiProblemException malformed(String detail) {
        return new ApiProblemException(400, "invalid-callback", "Invalid Callback", detail);
    }
}
