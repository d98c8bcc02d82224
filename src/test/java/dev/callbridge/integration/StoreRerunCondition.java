package dev.callbridge.integration;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the postgres run of the integration suite to the classes it is for: those whose
 * application Quarkus launches with {@link TargetConfiguration}, which is where the store is
 * chosen. A class that starts the jar itself (and, where it needs one, its own PostgreSQL) would
 * only repeat the memory run, so it is skipped there.
 *
 * <p>Failsafe's {@code excludes} list those classes by name; this condition is what still holds
 * when {@code -Dit.test=…} names one, since Failsafe then ignores {@code excludes}. Registered
 * for every test through {@code META-INF/services} (Quarkus' JUnit settings turn extension
 * autodetection on) and inert unless {@code callbridge.it.store=postgres}.
 */
public class StoreRerunCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (IntegrationTarget.store() != IntegrationTarget.Store.POSTGRES || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not the postgres run");
        }
        Class<?> testClass = context.getTestClass().get();
        if (testClass.isAnnotationPresent(QuarkusIntegrationTest.class)) {
            return ConditionEvaluationResult.enabled("runs against the postgres store");
        }
        return ConditionEvaluationResult.disabled(testClass.getSimpleName()
                + " launches its own application and ignores callbridge.it.store; it runs in the memory run only");
    }
}
