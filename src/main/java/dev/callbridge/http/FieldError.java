package dev.callbridge.http;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One rejected input field inside a validation problem.
 *
 * @param field   the JSON path of the field, e.g. {@code callTemplate.temperature}
 * @param message what is wrong with it
 */
@RegisterForReflection
public record FieldError(String field, String message) {
}
