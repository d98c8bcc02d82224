package dev.callbridge.integration;

import java.util.Locale;

/**
 * Which vendors the integration suite talks to: the built-in sandbox (the default, used by
 * every CI run) or the real services named by the {@code TEST_*} variables. Chosen with the
 * system property {@code callbridge.it.target} ({@code sandbox} or {@code real}), which the
 * Maven profile {@code integration-real} sets.
 */
public final class IntegrationTarget {

    /** The two targets. */
    public enum Mode { SANDBOX, REAL }

    private IntegrationTarget() {
    }

    /** The target of this run. */
    public static Mode current() {
        String value = System.getProperty("callbridge.it.target", "sandbox").trim().toLowerCase(Locale.ROOT);
        return value.equals("real") ? Mode.REAL : Mode.SANDBOX;
    }
}
