package dev.callbridge.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One request the sandbox inbox received.
 *
 * @param receivedAt when it arrived
 * @param headers    the headers that matter to a webhook receiver
 * @param body       the raw body, as sent
 */
public record InboxMessage(Instant receivedAt, Map<String, String> headers, String body) {
}
