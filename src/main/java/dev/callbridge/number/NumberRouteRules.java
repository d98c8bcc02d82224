package dev.callbridge.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callbridge.call.CallRules;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import dev.callbridge.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The field rules of a route, checked before anything is asked of Ultravox: the number, the
 * agent id's form, and the same template context and metadata limits as a call placement.
 */
@ApplicationScoped
public class NumberRouteRules {

    static final int MAX_GREETING = 500;

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final CallRules calls;

    NumberRouteRules(CallRules calls) {
        this.calls = calls;
    }

    /**
     * The E.164 form of a number in the path, or a 400 problem naming the field {@code number}: the
     * rule of every {@code /{number}} path, routes and the do-not-call list alike.
     */
    public static String number(String written) {
        try {
            return PhoneNumbers.toE164(written);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            throw ApiProblemException.validation(List.of(new FieldError("number", e.getMessage())));
        }
    }

    /** The route's fields in stored form, or a 400 problem listing every rejected field, the number's too. */
    Checked check(String written, RouteNumberRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String number = null;
        try {
            number = PhoneNumbers.toE164(written);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            errors.add(new FieldError("number", e.getMessage()));
        }
        if (request == null) {
            errors.add(new FieldError("body", "a JSON object is required"));
            throw ApiProblemException.validation(errors);
        }
        if (request.agentId() == null || !UUID.matcher(request.agentId()).matches()) {
            errors.add(new FieldError("agentId", "must be a UUID"));
        }
        JsonNode context = request.templateContext() == null || request.templateContext().isNull()
                ? null : request.templateContext();
        errors.addAll(calls.templateContextErrors(context));
        errors.addAll(calls.metadataErrors(request.metadata()));
        String greeting = request.greeting() == null ? null : request.greeting().strip();
        if (greeting != null && (greeting.isEmpty() || greeting.length() > MAX_GREETING)) {
            errors.add(new FieldError("greeting", "must have 1 to " + MAX_GREETING + " characters after trimming"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation(errors);
        }
        return new Checked(number, request.agentId(), context, request.metadata(), greeting);
    }

    /** A route's fields as they are stored. */
    record Checked(String number, String agentId, JsonNode templateContext, Map<String, String> metadata,
            String greeting) {
    }
}
