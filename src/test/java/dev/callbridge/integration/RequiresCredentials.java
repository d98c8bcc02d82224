package dev.callbridge.integration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Skips a test method against real services when a credential it needs is not set, with the
 * reason {@code Missing required credentials: ...}. Against the sandbox the sandbox's own
 * credentials are used and nothing is skipped. On a class it applies to every test method of
 * it; the tags {@code ultravox} and {@code twilio} imply the same needs (see
 * {@link CredentialsCondition}), so a bare {@code @RequiresCredentials} on a tagged class is
 * enough.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Inherited
@ExtendWith({CredentialsCondition.class, SkipReporter.class})
public @interface RequiresCredentials {

    /** Whether the test needs Ultravox credentials. */
    boolean ultravox() default false;

    /** Whether the test needs Twilio credentials. */
    boolean twilio() default false;
}
