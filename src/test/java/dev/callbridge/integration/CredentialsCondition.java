package dev.callbridge.integration;

import java.lang.reflect.AnnotatedElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips a test against real services when a credential it needs is not set. What a test needs
 * comes from its tags ({@code ultravox}, {@code twilio}, class tags included) and from
 * {@link RequiresCredentials} on the method or class, so tags and needs cannot drift apart.
 *
 * <p>Only test methods are ever disabled, never a whole class: each skipped test is then
 * reported on its own, with the reason, and the counts stay the same in every mode.
 */
public class CredentialsCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            return ConditionEvaluationResult.enabled("decided per test");
        }
        if (IntegrationTarget.sandbox()) {
            return ConditionEvaluationResult.enabled("running against the built-in sandbox");
        }
        boolean ultravox = needs(context, SuiteTags.ULTRAVOX, RequiresCredentials::ultravox);
        boolean twilio = needs(context, SuiteTags.TWILIO, RequiresCredentials::twilio);
        List<TestCredentials.Credential> missing = missing(ultravox, twilio);
        if (!missing.isEmpty()) {
            return ConditionEvaluationResult.disabled(TestCredentials.skipReason(missing));
        }
        // Needing both vendors means placing calls: they need a number Callbridge accepts.
        Optional<String> phone = ultravox && twilio ? TestCredentials.fromEnvironment().phoneNumberProblem()
                : Optional.empty();
        return phone.map(ConditionEvaluationResult::disabled)
                .orElseGet(() -> ConditionEvaluationResult.enabled("credentials present"));
    }

    /** The credentials of the two vendors that are not set; empty in sandbox mode. */
    public static List<TestCredentials.Credential> missing(boolean ultravox, boolean twilio) {
        if (IntegrationTarget.sandbox()) {
            return List.of();
        }
        List<TestCredentials.Credential> wanted = new ArrayList<>();
        if (ultravox) {
            wanted.addAll(TestCredentials.ULTRAVOX);
        }
        if (twilio) {
            wanted.addAll(TestCredentials.TWILIO);
        }
        return TestCredentials.fromEnvironment().missing(wanted);
    }

    private static boolean needs(ExtensionContext context, String tag,
            Predicate<RequiresCredentials> flag) {
        Set<String> tags = context.getTags();
        if (tags.contains(tag)) {
            return true;
        }
        return annotation(context.getTestMethod().map(AnnotatedElement.class::cast)).filter(flag).isPresent()
                || annotation(context.getTestClass().map(AnnotatedElement.class::cast)).filter(flag).isPresent();
    }

    private static Optional<RequiresCredentials> annotation(Optional<AnnotatedElement> element) {
        return element.flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCredentials.class));
    }
}
