package dev.callbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.smallrye.mutiny.CompositeException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP responses: every failure leaves the REST
 * layer as {@code application/problem+json}, without stack traces or upstream bodies.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ApiProblemException e, HttpServerRequest request) {
        ProblemLog.record(e, request.method().name(), request.path());
        return ProblemResponses.response(e, request.path());
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e, HttpServerRequest request) {
        Throwable first = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
        return dispatch(first, request);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return json(json, request);
        }
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return ProblemResponses.response(
                StatusProblems.forStatus(status, request.method().name(), request.path()), request.path());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return ProblemResponses.response(JsonProblems.from(e), request.path());
    }

    /** Overrides Quarkus' built-in plain-JSON mapper for binding errors. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return json(e, request);
    }

    /** Overrides Quarkus' built-in mapper for syntax errors. */
    @ServerExceptionMapper
    public Response jsonParse(com.fasterxml.jackson.core.JsonParseException e, HttpServerRequest request) {
        return json(e, request);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(Validation.fieldName(v.getPropertyPath()), v.getMessage()))
                .collect(Collectors.toList());
        return ProblemResponses.response(ApiProblemException.validation(errors), request.path());
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, HttpServerRequest request) {
        return dispatch(e, request);
    }

    private Response dispatch(Throwable e, HttpServerRequest request) {
        if (e instanceof WebApplicationException web) {
            return webApplication(web, request);
        }
        if (e instanceof JsonProcessingException json) {
            return json(json, request);
        }
        if (e instanceof ConstraintViolationException violation) {
            return constraintViolation(violation, request);
        }
        // A problem is answered as itself, anything else as a 500 with its stack trace logged.
        return ProblemResponses.response(ProblemResponses.problemOf(e, request.method().name(), request.path()),
                request.path());
    }

    /** Jackson failures phrased for the client, naming the field and never echoing the body. */
    static final class JsonProblems {

        private JsonProblems() {
        }

        static ApiProblemException from(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException unknown) {
                return ApiProblemException.validation(List.of(new FieldError(
                        path(unknown), "unknown field")));
            }
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                // FAIL_ON_TRAILING_TOKENS (StrictJson): the body holds more than one JSON value.
                return StatusProblems.malformedJson("unexpected content after the JSON value" + where(e));
            }
            if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                JsonMappingException mapping = (JsonMappingException) e;
                String target = mapping instanceof MismatchedInputException m && m.getTargetType() != null
                        ? m.getTargetType().getSimpleName() : "another type";
                return ApiProblemException.validation(List.of(new FieldError(
                        path(mapping), "wrong type: expected " + describe(target))));
            }
            return StatusProblems.malformedJson(firstLine(e.getOriginalMessage()) + where(e));
        }

        private static String where(JsonProcessingException e) {
            return e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }

        private static String path(JsonMappingException e) {
            String joined = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
            return joined.isEmpty() ? "body" : joined;
        }

        private static String describe(String javaType) {
            return switch (javaType) {
                case "String" -> "a string";
                case "Integer", "int", "Long", "long" -> "an integer";
                case "Double", "double", "BigDecimal" -> "a number";
                case "Boolean", "boolean" -> "a boolean";
                case "Map", "ObjectNode", "LinkedHashMap", "HashMap" -> "an object";
                case "List", "ArrayList", "ArrayNode" -> "an array";
                default -> "a JSON object";
            };
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "unreadable input";
            }
            String line = message.lines().findFirst().orElse(message);
            return line.length() > 200 ? line.substring(0, 200) + "…" : line;
        }
    }
}
