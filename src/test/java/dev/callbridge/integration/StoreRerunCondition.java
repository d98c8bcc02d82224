package dev.callbridge.integration;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the postgres run of the integration suite to what it is for.
 *
 * <ul>
 *   <li>Only the classes whose application Quarkus launches with {@link TargetConfiguration},
 *       which is where the store is chosen. A class that starts the jar itself (and, where it
 *       needs one, its own PostgreSQL) would only repeat the memory run. Failsafe's
 *       {@code excludes} list those classes by name; this is what still holds when
 *       {@code -Dit.test=…} names one, since Failsafe then ignores {@code excludes}.</li>
 *   <li>Against real services only on request ({@value #REAL_PROPERTY}{@code =true}): a second
 *       run places every call again, and real calls cost money and may ring a phone.</li>
 * </ul>
 *
 * <p>Registered for every test through {@code META-INF/services} (Quarkus' JUnit settings turn
 * extension autodetection on) and inert unless {@code callbridge.it.store=postgres}.
 */
public class StoreRerunCondition implements ExecutionCondition {

    /** System property that lets the postgres run talk to real Ultravox and Twilio. */
    static final String REAL_PROPERTY = "callbridge.it.real-postgres";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (IntegrationTarget.store() != IntegrationTarget.Store.POSTGRES || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("not the postgres run");
        }
        Class<?> testClass = context.getTestClass().get();
        if (!testClass.isAnnotationPresent(QuarkusIntegrationTest.class)) {
            return ConditionEvaluationResult.disabled(testClass.getSimpleName()
                    + " launches its own application and ignores callbridge.it.store; it runs in the memory run only");
        }
        if (!IntegrationTarget.sandbox() && !Boolean.getBoolean(REAL_PROPERTY)) {
            return ConditionEvaluationResult.disabled("the postgres run against real services would place every call"
                    + " a second time; -D" + REAL_PROPERTY + "=true turns it on");
        }
        return ConditionEvaluationResult.enabled("runs against the postgres store");
    }
}
