package dev.callbridge.http;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One rejected input field inside a validation problem.
 *
 * @param field   the JSON path of the field, e.g. {@code callTemplate.temperature}
 * @param message what is wrong with it
 */
@RegisterForReflection
@Schema(name = "FieldError", description = "One rejected input field.")
public record FieldError(
        @Schema(required = true, examples = "callTemplate.temperature") String field,
        @Schema(required = true, examples = "must be a number between 0 and 1") String message) {
}
