package dev.callbridge.idempotency;

/**
 * A response remembered for replay: status, the headers that matter to a client and the
 * serialized body. {@code body} is null when the response had none, or when it was too large
 * to keep ({@code bodyOmitted}): a replay then answers the status and {@code Location} alone.
 */
public record StoredResponse(int status, String contentType, String location, byte[] body, boolean bodyOmitted) {

    /** A response kept whole. */
    public StoredResponse(int status, String contentType, String location, byte[] body) {
        this(status, contentType, location, body, false);
    }

    /** Bytes this response takes in memory, roughly: the body and the header strings. */
    int size() {
        return (body == null ? 0 : body.length) + 2 * (length(contentType) + length(location));
    }

    /**
     * This response as a store bounded to {@code storeBytes} keeps it: whole when it takes at most
     * a sixteenth of the bound, otherwise without its body, so one answer cannot crowd out the rest.
     */
    StoredResponse keptWithin(long storeBytes) {
        return size() > storeBytes / 16 ? withoutBody() : this;
    }

    /** The same response without its body. */
    private StoredResponse withoutBody() {
        return new StoredResponse(status, contentType, location, null, body != null || bodyOmitted);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
