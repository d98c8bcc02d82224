package dev.callbridge.ultravox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.http.FieldError;
import dev.callbridge.http.RetryAfter;
import dev.callbridge.ultravox.UltravoxException.Reason;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Translates whatever an Ultravox operation failed with (an error status, a timeout, a
 * refused connection) into an {@link UltravoxException} a client can act on.
 */
final class UltravoxErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE_CHARS = 300;

    private UltravoxErrors() {
    }

    /**
     * @param failure   what the REST client produced
     * @param operation what was attempted, for logs ("create agent")
     * @param resource  the kind of thing a 404 refers to ("agent", "call")
     * @param id        its id, or null when the operation names none
     */
    static UltravoxException translate(Throwable failure, String operation, String resource, String id) {
        if (failure instanceof UltravoxException already) {
            return already;
        }
        UltravoxResponseException response = find(failure, UltravoxResponseException.class);
        if (response != null) {
            return fromStatus(response, operation, resource, id);
        }
        if (isTimeout(failure)) {
            Log.errorf("Ultravox %s timed out", operation);
            return new UltravoxException(Reason.TIMEOUT, null, 504, "upstream-timeout", "Upstream Timeout",
                    "Ultravox did not answer in time.", List.of(), null);
        }
        if (find(failure, java.net.ConnectException.class) != null) {
            Log.errorf("Ultravox %s failed: connection refused", operation);
            return new UltravoxException(Reason.UNREACHABLE, null, 502, "upstream-unavailable", "Bad Gateway",
                    "Ultravox could not be reached.", List.of(), null);
        }
        Log.errorf("Ultravox %s failed: %s", operation, failure.getClass().getName());
        return new UltravoxException(Reason.UPSTREAM_ERROR, null, 502, "upstream-error", "Bad Gateway",
                "The connection to Ultravox failed.", List.of(), null);
    }

    private static UltravoxException fromStatus(UltravoxResponseException e, String operation, String resource,
            String id) {
        int status = e.status();
        if (status >= 500) {
            Log.errorf("Ultravox %s failed with status %d", operation, status);
        } else {
            Log.warnf("Ultravox %s rejected with status %d", operation, status);
        }
        return switch (status) {
            case 404 -> new UltravoxException(Reason.NOT_FOUND, status, 404, "not-found", "Resource not found",
                    id == null ? "Ultravox does not know this " + resource + "."
                            : "No " + resource + " with id '" + id + "' exists.",
                    List.of(), null);
            case 400, 422 -> rejected(e);
            case 401, 403 -> new UltravoxException(Reason.CREDENTIALS_REJECTED, status, 502,
                    "upstream-credentials", "Bad Gateway",
                    "Ultravox rejected Callbridge's credentials; check ULTRAVOX_API_KEY.", List.of(), null);
            case 429 -> new UltravoxException(Reason.RATE_LIMITED, status, 429, "rate-limited", "Too Many Requests",
                    "Ultravox is rate limiting requests; retry later.", List.of(),
                    RetryAfter.parse(e.retryAfter(), Duration.ofSeconds(1)));
            default -> new UltravoxException(Reason.UPSTREAM_ERROR, status, 502, "upstream-error", "Bad Gateway",
                    "Ultravox failed with status " + status + ".", List.of(),
                    status == 503 ? RetryAfter.parse(e.retryAfter(), null) : null);
        };
    }

    private static UltravoxException rejected(UltravoxResponseException e) {
        List<FieldError> fields = new ArrayList<>();
        String detail = fieldMessages(e.body(), fields);
        if (detail == null) {
            detail = fields.isEmpty() ? "Ultravox rejected the request." : "Ultravox rejected the request; see 'errors'.";
        }
        return new UltravoxException(Reason.REJECTED_INPUT, e.status(), 422, "upstream-rejected",
                "Unprocessable Entity", detail, fields, null);
    }

    /**
     * Collects DRF-style {@code {"field": ["message"]}} entries into {@code fields}; returns a
     * top-level message ({@code detail} or a plain-text body) when there is one.
     */
    static String fieldMessages(String body, List<FieldError> fields) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            return "Ultravox rejected the request: " + bounded(body.strip());
        }
        if (root == null || !root.isObject()) {
            return root != null && root.isTextual() ? "Ultravox rejected the request: " + bounded(root.asText()) : null;
        }
        String detail = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("detail") || entry.getKey().equals("message")) {
                detail = "Ultravox rejected the request: " + bounded(entry.getValue().asText());
            } else {
                flatten(entry.getKey(), entry.getValue(), fields);
            }
        }
        return detail;
    }

    private static void flatten(String path, JsonNode node, List<FieldError> fields) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(path + "." + e.getKey(), e.getValue(), fields));
        } else if (node.isArray()) {
            node.forEach(item -> flatten(path, item, fields));
        } else {
            fields.add(new FieldError(path, bounded(node.asText())));
        }
    }

    private static String bounded(String text) {
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) + "…" : text;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof java.net.SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
