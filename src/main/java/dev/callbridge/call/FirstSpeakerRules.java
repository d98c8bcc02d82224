package dev.callbridge.call;

import dev.callbridge.http.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a placement's {@link FirstSpeakerSettings} before any call exists, so that a mistake is
 * a field error rather than an Ultravox 400 after: Ultravox's own rules (exactly one of
 * {@code agent} and {@code user}; delays as its durations, {@code "5s"}, {@code "0.5s"}) and
 * Callbridge's bounds on what a client may send (words of 1 to 1000 characters, prompts of 1 to
 * 4000, {@code text} or {@code prompt} but not both, so that it is clear what is said, and delays
 * of at most a minute).
 */
final class FirstSpeakerRules {

    static final int MAX_TEXT = 1000;
    static final int MAX_PROMPT = 4000;
    static final BigDecimal MAX_DELAY_SECONDS = BigDecimal.valueOf(60);
    /** Ultravox's duration form, whole seconds below 100 (the bound is checked after). */
    private static final Pattern DURATION = Pattern.compile("^((?:0|[1-9][0-9]?)(?:\\.[0-9]{1,9})?)s$");
    private static final String FIELD = "firstSpeakerSettings";

    private FirstSpeakerRules() {
    }

    /** Every problem of {@code settings}; empty when it is absent or fine. */
    static List<FieldError> errors(FirstSpeakerSettings settings) {
        List<FieldError> errors = new ArrayList<>();
        if (settings == null) {
            return errors;
        }
        if ((settings.agent() == null) == (settings.user() == null)) {
            errors.add(new FieldError(FIELD, "must have exactly one of 'agent' and 'user'"));
            return errors;
        }
        if (settings.agent() != null) {
            FirstSpeakerSettings.AgentFirst agent = settings.agent();
            words(FIELD + ".agent", agent.text(), agent.prompt(), errors);
            delay(FIELD + ".agent.delay", agent.delay(), errors);
        } else if (settings.user().fallback() != null) {
            FirstSpeakerSettings.Fallback fallback = settings.user().fallback();
            words(FIELD + ".user.fallback", fallback.text(), fallback.prompt(), errors);
            delay(FIELD + ".user.fallback.delay", fallback.delay(), errors);
        }
        return errors;
    }

    private static void words(String field, String text, String prompt, List<FieldError> errors) {
        if (text != null && prompt != null) {
            errors.add(new FieldError(field, "may have 'text' or 'prompt', not both"));
        }
        length(field + ".text", text, MAX_TEXT, errors);
        length(field + ".prompt", prompt, MAX_PROMPT, errors);
    }

    private static void length(String field, String value, int max, List<FieldError> errors) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            errors.add(new FieldError(field, "must have 1 to " + max + " characters"));
        }
    }

    private static void delay(String field, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        Matcher duration = DURATION.matcher(value);
        if (!duration.matches() || new BigDecimal(duration.group(1)).compareTo(MAX_DELAY_SECONDS) > 0) {
            errors.add(new FieldError(field, "must be a duration in seconds such as '5s' or '0.5s', at most 60s"));
        }
    }
}
