package dev.callbridge.integration;

import java.util.List;

/**
 * Prints whether each {@code TEST_*} variable is set (never its value) and exits non-zero
 * when a required one is missing. Run with {@code ./mvnw -B -Pcheck-test-config process-test-classes}.
 */
public final class TestConfigCheck {

    private TestConfigCheck() {
    }

    public static void main(String[] args) {
        TestCredentials credentials = TestCredentials.fromEnvironment();
        System.out.println("Integration test configuration (for -Pintegration-real):");
        for (TestCredentials.Credential c : TestCredentials.Credential.values()) {
            System.out.printf("  %-26s %s%n", c.variable(), credentials.get(c).isPresent() ? "set" : "MISSING (required)");
        }
        TestCredentials.OPTIONAL.forEach((name, fallback) -> System.out.printf("  %-26s %s%n", name,
                credentials.get(name).isPresent() ? "set" : "not set (default " + fallback + ")"));
        credentials.phoneNumberProblem().ifPresent(problem -> System.out.println("Warning: " + problem
                + ". Tests that place calls will be skipped."));
        List<TestCredentials.Credential> missing = credentials.missing(List.of(TestCredentials.Credential.values()));
        if (!missing.isEmpty()) {
            System.out.println(TestCredentials.skipReason(missing));
            System.exit(1);
        }
        System.out.println("All required variables are set.");
    }
}
