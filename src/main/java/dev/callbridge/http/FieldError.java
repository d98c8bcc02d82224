package dev.callbridge.http;

/**
 * One rejected input field inside a validation problem.
 *
 * @param field   the JSON path of the field, e.g. {@code callTemplate.temperature}
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
