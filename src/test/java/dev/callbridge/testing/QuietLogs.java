package dev.callbridge.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps the log lines of failures a test class causes on purpose off the build output, so that
 * an ERROR or WARN line there means something went wrong. Register it on the class:
 * {@code @RegisterExtension static final QuietLogs QUIET = QuietLogs.vendorFailures();}.
 * The lines are captured per test; a test that fails prints them, and a test about a line
 * asserts it with a {@link LogCapture#install()} capture, which still receives them.
 */
public final class QuietLogs implements BeforeEachCallback, AfterEachCallback {

    /**
     * Where Callbridge reports a vendor failure and what follows from it: the translation of the
     * vendor's answer, the retry, the compensation, the problem answered, the health check.
     */
    public static final List<String> VENDOR_FAILURE_CATEGORIES = List.of(
            "dev.callbridge.ultravox.UltravoxErrors",
            "dev.callbridge.twilio.TwilioErrors",
            "dev.callbridge.resilience.VendorGuard",
            "dev.callbridge.call.CallService",
            "dev.callbridge.call.PlacementProgress",
            "dev.callbridge.http.ProblemLog",
            "dev.callbridge.health.VendorHealth");

    private final List<String> categories;
    private LogCapture capture;

    private QuietLogs(List<String> categories) {
        this.categories = List.copyOf(categories);
    }

    /** Silences {@link #VENDOR_FAILURE_CATEGORIES}. */
    public static QuietLogs vendorFailures() {
        return new QuietLogs(VENDOR_FAILURE_CATEGORIES);
    }

    /** Silences {@link #VENDOR_FAILURE_CATEGORIES} and {@code more}. */
    public static QuietLogs vendorFailuresAnd(String... more) {
        return new QuietLogs(concat(VENDOR_FAILURE_CATEGORIES, List.of(more)));
    }

    /** Silences exactly {@code categories}. */
    public static QuietLogs of(String... categories) {
        return new QuietLogs(List.of(categories));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        capture = LogCapture.silence(categories);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        capture.close();
        if (context.getExecutionException().isPresent() && !capture.lines().isEmpty()) {
            System.out.println("[quiet-logs] lines kept off the output during the failed test "
                    + context.getDisplayName() + ":");
            capture.lines().forEach(line -> System.out.println("[quiet-logs]   " + line));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
