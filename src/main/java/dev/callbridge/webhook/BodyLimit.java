package dev.callbridge.webhook;

import dev.callbridge.http.ApiProblemException;

/**
 * The size bound of a vendor webhook's body. The webhook endpoints take requests without an
 * API key, so a body is refused as soon as it is known to be too large: from its
 * {@code Content-Length} before it is read, otherwise once read.
 */
final class BodyLimit {

    private BodyLimit() {
    }

    /** Refuses a body announced larger than {@code maxBytes}; a missing length is measured later. */
    static void checkDeclared(String contentLength, int maxBytes, String what) {
        if (contentLength == null || contentLength.isBlank()) {
            return;
        }
        try {
            if (Long.parseLong(contentLength.trim()) > maxBytes) {
                throw tooLarge(maxBytes, what);
            }
        } catch (NumberFormatException e) {
            throw new ApiProblemException(400, "invalid-callback", "Invalid Callback",
                    "The Content-Length header is not a number.");
        }
    }

    /** 413 for a body of {@code what} over {@code maxBytes}. */
    static ApiProblemException tooLarge(int maxBytes, String what) {
        return new ApiProblemException(413, "payload-too-large", "Payload Too Large",
                "A " + what + " body may hold at most " + maxBytes + " bytes.");
    }
}
