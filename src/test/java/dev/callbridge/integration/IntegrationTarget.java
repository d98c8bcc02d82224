package dev.callbridge.integration;

import java.util.Locale;

/**
 * Which vendors the integration suite talks to: the built-in sandbox (the default, used by
 * every CI run) or the real services named by the {@code TEST_*} variables. Chosen with the
 * system property {@code callbridge.it.target} ({@code sandbox} or {@code real}), which the
 * Maven profile {@code integration-real} sets. Independently of the vendors, the launched
 * application keeps its state in one of the two stores, chosen with {@code callbridge.it.store}
 * ({@code memory} or {@code postgres}): {@code ./mvnw verify} runs the suite once for each.
 */
public final class IntegrationTarget {

    /** The two targets. */
    public enum Mode { SANDBOX, REAL }

    /** Where the launched application keeps idempotency keys and the call ledger. */
    public enum Store { MEMORY, POSTGRES }

    /**
     * What every call dials in sandbox mode: a fictional number (555-0100 to 555-0199 are
     * reserved for fiction) that Callbridge accepts and the sandbox answers normally. It is none
     * of the sandbox's magic numbers, and the sandbox dials nobody anyway.
     */
    public static final String SANDBOX_PHONE_NUMBER = "+14155550123";

    private IntegrationTarget() {
    }

    /** The target of this run. */
    public static Mode current() {
        String value = System.getProperty("callbridge.it.target", "sandbox").trim().toLowerCase(Locale.ROOT);
        return value.equals("real") ? Mode.REAL : Mode.SANDBOX;
    }

    /** Whether this run talks to the built-in sandbox. */
    public static boolean sandbox() {
        return current() == Mode.SANDBOX;
    }

    /**
     * The store of this run, {@code memory} unless {@code callbridge.it.store} names another. An
     * unknown name fails rather than quietly running the memory store a second time.
     */
    public static Store store() {
        String value = System.getProperty("callbridge.it.store", "memory").trim();
        try {
            return Store.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callbridge.it.store must be memory or postgres, not '" + value + "'");
        }
    }

    /** The only destination the suite calls: {@code TEST_PHONE_NUMBER} against real services. */
    public static String phoneNumber() {
        return sandbox() ? SANDBOX_PHONE_NUMBER : TestCredentials.fromEnvironment().phoneNumber();
    }

    /**
     * Log level of the launched application ({@code -Dcallbridge.it.log-level=DEBUG}); at
     * {@code DEBUG} the suite also prints every request it sends, without bodies.
     */
    public static String logLevel() {
        return System.getProperty("callbridge.it.log-level", "INFO").trim().toUpperCase(Locale.ROOT);
    }

    /** Whether debug output is on. */
    public static boolean debug() {
        return logLevel().equals("DEBUG") || logLevel().equals("TRACE");
    }
}
