package dev.callbridge.integration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** Evaluates {@link RequiresCredentials} against the environment. */
public class CredentialsCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (IntegrationTarget.current() == IntegrationTarget.Mode.SANDBOX) {
            return ConditionEvaluationResult.enabled("running against the built-in sandbox");
        }
        Optional<RequiresCredentials> needs = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, RequiresCredentials.class));
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("no credentials required");
        }
        List<TestCredentials.Credential> wanted = new ArrayList<>();
        if (needs.get().ultravox()) {
            wanted.addAll(TestCredentials.ULTRAVOX);
        }
        if (needs.get().twilio()) {
            wanted.addAll(TestCredentials.TWILIO);
        }
        List<TestCredentials.Credential> missing = TestCredentials.fromEnvironment().missing(wanted);
        return missing.isEmpty() ? ConditionEvaluationResult.enabled("credentials present")
                : ConditionEvaluationResult.disabled(TestCredentials.skipReason(missing));
    }
}
