package dev.callbridge.idempotency;

/**
 * A response remembered for replay: status, the headers that matter to a client and the
 * serialized body.
 */
public record StoredResponse(int status, String contentType, String location, byte[] body) {
}
