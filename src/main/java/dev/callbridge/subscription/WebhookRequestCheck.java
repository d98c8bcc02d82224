package dev.callbridge.subscription;

import dev.callbridge.http.FieldError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The field rules of a {@link CreateWebhookRequest}, short of resolving its host. */
final class WebhookRequestCheck {

    static final int MIN_SECRET = 16;
    static final int MAX_SECRET = 256;

    private WebhookRequestCheck() {
    }

    /** Every rule the request breaks, as field errors. */
    static List<FieldError> problems(CreateWebhookRequest request, WebhookTargets targets) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null) {
            return List.of(new FieldError("body", "is required"));
        }
        targets.formProblem(request.url()).ifPresent(problem -> errors.add(new FieldError("url", problem)));
        errors.addAll(eventProblems(request.events()));
        if (request.secret() != null && !validSecret(request.secret())) {
            errors.add(new FieldError("secret", "must be " + MIN_SECRET + "-" + MAX_SECRET
                    + " printable ASCII characters without spaces"));
        }
        return errors;
    }

    private static List<FieldError> eventProblems(List<String> events) {
        if (events == null || events.isEmpty()) {
            return List.of(new FieldError("events", "must name at least one event type"));
        }
        if (events.size() > EventTypes.ALL.size()) {
            return List.of(new FieldError("events", "must name at most " + EventTypes.ALL.size() + " event types"));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (type == null || !EventTypes.known(type)) {
                errors.add(new FieldError("events[" + i + "]", "must be one of " + String.join(", ", EventTypes.ALL)));
            } else if (!seen.add(type)) {
                errors.add(new FieldError("events[" + i + "]", "repeats '" + type + "'"));
            }
        }
        return errors;
    }

    private static boolean validSecret(String secret) {
        return secret.length() >= MIN_SECRET && secret.length() <= MAX_SECRET
                && secret.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
