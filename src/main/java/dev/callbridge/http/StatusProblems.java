package dev.callbridge.http;

/** The problems Callbridge answers for generic HTTP failures that belong to no feature. */
public final class StatusProblems {

    private StatusProblems() {
    }

    public static ApiProblemException payloadTooLarge() {
        return new ApiProblemException(413, "payload-too-large", "Payload Too Large",
                "The request body exceeds the size limit (CALLBRIDGE_MAX_BODY_SIZE).");
    }

    public static ApiProblemException uriTooLong(int maxLength) {
        return new ApiProblemException(414, "uri-too-long", "URI Too Long",
                "The request URI exceeds " + maxLength + " characters.");
    }

    public static ApiProblemException headersTooLarge(int maxBytes) {
        return new ApiProblemException(431, "headers-too-large", "Request Header Fields Too Large",
                "The request headers exceed " + maxBytes / 1024 + " KiB.");
    }

    /** A body sent without saying what it is; {@link #forStatus} covers a type that is not accepted. */
    public static ApiProblemException missingContentType() {
        return new ApiProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                "Send the request body with 'Content-Type: application/json'.");
    }

    public static ApiProblemException internal() {
        return new ApiProblemException(500, "internal", "Internal Server Error",
                "An unexpected error occurred; quote the requestId when reporting it.");
    }

    public static ApiProblemException malformedJson(String why) {
        return new ApiProblemException(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON: " + why);
    }

    /** A problem for a status raised by the REST layer itself (routing, content negotiation). */
    public static ApiProblemException forStatus(int status, String method, String path) {
        return switch (status) {
            case 404 -> new ApiProblemException(404, "not-found", "Not Found",
                    "No endpoint matches " + method + " " + path + ".");
            case 405 -> new ApiProblemException(405, "method-not-allowed", "Method Not Allowed",
                    "Method " + method + " is not allowed on " + path + ".");
            case 406 -> new ApiProblemException(406, "not-acceptable", "Not Acceptable",
                    "This endpoint answers application/json only.");
            case 413 -> payloadTooLarge();
            case 415 -> new ApiProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the request body as application/json (PATCH also takes application/merge-patch+json).");
            case 400 -> new ApiProblemException(400, "bad-request", "Bad Request",
                    "The request could not be read.");
            default -> status >= 500 ? internal()
                    : new ApiProblemException(status, "http-" + status, "HTTP " + status,
                            "The request failed with status " + status + ".");
        };
    }
}
