package dev.callbridge.ultravox;

import jakarta.ws.rs.core.Response;

/**
 * A non-2xx answer from Ultravox, before translation: status, the start of the body (for
 * field messages) and the {@code Retry-After} header. Never leaves the ultravox package.
 */
final class UltravoxResponseException extends RuntimeException {

    private static final int MAX_BODY_CHARS = 4096;

    private final int status;
    private final String body;
    private final String retryAfter;

    private UltravoxResponseException(int status, String body, String retryAfter) {
        super("Ultravox answered " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    static UltravoxResponseException of(Response response) {
        String body = "";
        try {
            if (response.hasEntity()) {
                body = response.readEntity(String.class);
            }
        } catch (RuntimeException unreadable) {
            body = "";
        }
        if (body.length() > MAX_BODY_CHARS) {
            body = body.substring(0, MAX_BODY_CHARS);
        }
        return new UltravoxResponseException(response.getStatus(), body, response.getHeaderString("Retry-After"));
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }

    String retryAfter() {
        return retryAfter;
    }
}
