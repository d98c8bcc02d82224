package dev.callbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the OpenAPI document ({@code mp.openapi.filter}) with what every operation shares,
 * declared once: the problem responses (in {@code components.responses}, each an
 * {@code application/problem+json} {@link Problem}), the response headers (in
 * {@code components.headers}) and the servers. Every {@code /api/**} operation then gets the
 * problems any request can meet (401, 429, 500, 502, 503, 504; 413 and 415 when it takes a
 * body) and {@code X-Request-Id} on each of its own responses. Problems only some operations
 * meet (400, 403, 404, 409, 422) are referred to by the resource methods themselves.
 */
public class SharedResponsesFilter implements OASFilter {

    /** The address a generated client starts from; dev mode listens there. */
    static final String DEV_SERVER = "http://localhost:8080";

    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String RESPONSES = "#/components/responses/";
    private static final String HEADERS = "#/components/headers/";
    /** The ids RequestIds accepts from a caller; others are replaced by a UUID, which matches too. */
    private static final String REQUEST_ID_PATTERN = "^[A-Za-z0-9._:-]{1,128}$";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Shared problem responses, by component name. */
    private enum Shared {
        BAD_REQUEST(ApiDocs.BAD_REQUEST, 400, "Malformed JSON, invalid fields (`errors` lists every one at once) "
                + "or a malformed Idempotency-Key.", ApiDocs.VALIDATION_EXAMPLE, false),
        UNAUTHORIZED("Unauthorized", 401, "Missing or unknown X-API-Key.", ApiDocs.UNAUTHORIZED_EXAMPLE, false),
        FORBIDDEN(ApiDocs.FORBIDDEN, 403, "Twilio's geographic permissions or its fraud block forbid the destination.",
                null, false),
        NOT_FOUND(ApiDocs.NOT_FOUND, 404, "No agent or call with this id is known (the detail names it).",
                ApiDocs.NOT_FOUND_EXAMPLE, false),
        CONFLICT(ApiDocs.CONFLICT, 409, "The same Idempotency-Key is still being processed; retry after Retry-After.",
                null, true),
        PAYLOAD_TOO_LARGE("PayloadTooLarge", 413, "The body exceeds CALLBRIDGE_MAX_BODY_SIZE.", null, false),
        UNSUPPORTED_MEDIA_TYPE("UnsupportedMediaType", 415, "The body is not sent as application/json.", null, false),
        UNPROCESSABLE(ApiDocs.UNPROCESSABLE, 422, "Ultravox or Twilio rejected the input (their field messages are "
                + "listed in `errors`), or the Idempotency-Key was used before with another body.", null, false),
        TOO_MANY_REQUESTS("TooManyRequests", 429, "Ultravox or Twilio is rate limiting; their Retry-After is passed on.",
                null, true),
        INTERNAL("InternalError", 500, "An unexpected failure; quote the requestId when reporting it.", null, false),
        BAD_GATEWAY("BadGateway", 502, "A vendor failed, refused Callbridge's credentials, answered unreadably "
                + "or could not be reached.", null, false),
        UNAVAILABLE("ServiceUnavailable", 503, "Too many calls in flight (`overloaded`), this instance is draining "
                + "(`shutting-down`) or a vendor's circuit breaker is open (`vendor-unavailable`).",
                ApiDocs.UNAVAILABLE_EXAMPLE, true),
        GATEWAY_TIMEOUT("GatewayTimeout", 504, "A vendor did not answer within the operation's timeout.", null, false);

        final String name;
        final int status;
        final String description;
        final String example;
        final boolean retryAfter;

        Shared(String name, int status, String description, String example, boolean retryAfter) {
            this.name = name;
            this.status = status;
            this.description = description;
            this.example = example;
            this.retryAfter = retryAfter;
        }
    }

    private static final List<Shared> EVERY_OPERATION = List.of(Shared.UNAUTHORIZED, Shared.TOO_MANY_REQUESTS,
            Shared.INTERNAL, Shared.BAD_GATEWAY, Shared.UNAVAILABLE, Shared.GATEWAY_TIMEOUT);
    private static final List<Shared> WITH_BODY = List.of(Shared.PAYLOAD_TOO_LARGE, Shared.UNSUPPORTED_MEDIA_TYPE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        openAPI.setComponents(components);
        headers().forEach(components::addHeader);
        for (Shared shared : Shared.values()) {
            components.addResponse(shared.name, problemResponse(shared));
        }
        openAPI.setServers(List.of(OASFactory.createServer().url(DEV_SERVER)
                .description("Dev mode (./mvnw quarkus:dev); use your deployment's URL in production")));
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.getOperations().values().forEach(SharedResponsesFilter::complete);
                }
            });
        }
    }

    private static void complete(Operation operation) {
        APIResponses responses = operation.getResponses();
        for (APIResponse response : responses.getAPIResponses().values()) {
            if (response.getRef() == null) {
                response.addHeader(ApiDocs.REQUEST_ID_HEADER, headerRef(ApiDocs.REQUEST_ID_HEADER));
            }
        }
        List<Shared> added = new ArrayList<>(EVERY_OPERATION);
        if (operation.getRequestBody() != null) {
            added.addAll(WITH_BODY);
        }
        Map<String, APIResponse> all = new TreeMap<>(responses.getAPIResponses());
        for (Shared shared : added) {
            all.putIfAbsent(Integer.toString(shared.status), OASFactory.createAPIResponse().ref(RESPONSES + shared.name));
        }
        responses.setAPIResponses(new LinkedHashMap<>(all));
    }

    private static APIResponse problemResponse(Shared shared) {
        var media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA));
        if (shared.example != null) {
            media.addExample("problem", OASFactory.createExample().value(parse(shared.example)));
        }
        APIResponse response = OASFactory.createAPIResponse().description(shared.description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media))
                .addHeader(ApiDocs.REQUEST_ID_HEADER, headerRef(ApiDocs.REQUEST_ID_HEADER));
        if (shared.retryAfter) {
            response.addHeader(ApiDocs.RETRY_AFTER_HEADER, headerRef(ApiDocs.RETRY_AFTER_HEADER));
        }
        return response;
    }

    private static Map<String, Header> headers() {
        Map<String, Header> headers = new LinkedHashMap<>();
        headers.put(ApiDocs.REQUEST_ID_HEADER, header("The request's id: the caller's own X-Request-Id when it is "
                + "well-formed, otherwise a new UUID. It appears on every log line of the request.",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).pattern(REQUEST_ID_PATTERN)).required(true));
        headers.put(ApiDocs.LOCATION_HEADER, header("Absolute URL of the created resource.",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")).required(true));
        headers.put(ApiDocs.RETRY_AFTER_HEADER, header("Seconds to wait before retrying.",
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        headers.put(ApiDocs.REPLAYED_HEADER, header("Present, with `true`, when this answer replays the first "
                + "answer to the same Idempotency-Key and body; no vendor was called again.",
                OASFactory.createSchema().addType(Schema.SchemaType.STRING).addEnumeration("true")));
        return headers;
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }

    private static Header headerRef(String name) {
        return OASFactory.createHeader().ref(HEADERS + name);
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Example is not JSON: " + json, e);
        }
    }
}
