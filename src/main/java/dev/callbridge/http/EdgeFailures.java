package dev.callbridge.http;

import io.quarkus.logging.Log;

/** Translates a failure raised below the REST layer (Vert.x status codes) into a problem. */
final class EdgeFailures {

    private EdgeFailures() {
    }

    static ApiProblemException toProblem(int statusCode, Throwable failure, String path) {
        if (failure instanceof ApiProblemException problem) {
            return problem;
        }
        return switch (statusCode) {
            case 413 -> StatusProblems.payloadTooLarge();
            case 400 -> new ApiProblemException(400, "bad-request", "Bad Request", "The request could not be read.");
            case 404 -> new ApiProblemException(404, "not-found", "Not Found", "No endpoint matches " + path + ".");
            default -> {
                Log.errorf(failure, "Unhandled failure on %s (status %d)", path, statusCode);
                yield StatusProblems.internal();
            }
        };
    }
}
