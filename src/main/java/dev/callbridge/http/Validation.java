package dev.callbridge.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** Helpers for turning Bean Validation results into {@link FieldError}s. */
public final class Validation {

    private Validation() {
    }

    /**
     * The JSON-style field name of a violation path, dropping the method and parameter
     * nodes Bean Validation adds for resource parameters ({@code create.body.name} becomes {@code name}).
     */
    public static String fieldName(Path path) {
        List<String> parts = new ArrayList<>();
        StreamSupport.stream(path.spliterator(), false).forEach(node -> {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> parts.clear();
                default -> {
                    String name = node.getName() == null ? "" : node.getName();
                    String index = node.getIndex() != null ? "[" + node.getIndex() + "]"
                            : node.getKey() != null ? "[" + node.getKey() + "]" : "";
                    if (!name.isEmpty()) {
                        parts.add(name);
                    }
                    if (!index.isEmpty() && !parts.isEmpty()) {
                        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + index);
                    }
                }
            }
        });
        return parts.isEmpty() ? "body" : String.join(".", parts);
    }

    /** Validates a bean and returns its violations as field errors, in a stable order. */
    public static <T> List<FieldError> check(Validator validator, T bean) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<T> v : validator.validate(bean)) {
            errors.add(new FieldError(fieldName(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }
}
