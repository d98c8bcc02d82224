package dev.callbridge.integration;

import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints one line per skipped test with its reason, so the build output says why a test did
 * not run (Failsafe's summary counts skips but shows reasons only in its XML reports).
 */
public class SkipReporter implements TestWatcher {

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        print(context, reason.orElse("disabled"));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        print(context, cause.getMessage());
    }

    private static void print(ExtensionContext context, String reason) {
        System.out.printf("[it] SKIPPED %s.%s: %s%n", context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName(), reason);
    }
}
