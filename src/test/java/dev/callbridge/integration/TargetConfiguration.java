package dev.callbridge.integration;

import dev.callbridge.store.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Configures the packaged application that {@code @QuarkusIntegrationTest} launches, for the
 * {@link IntegrationTarget} of this run. The returned settings reach the launched jar as
 * system properties, above its environment.
 *
 * <ul>
 *   <li>Sandbox: the built-in simulator, played fast. The sandbox owns the vendor settings.</li>
 *   <li>Real: Ultravox and Twilio from the {@code TEST_*} variables. A vendor without credentials
 *       gets placeholders, only so that the production startup check passes, and is pointed at
 *       a closed loopback port, so a placeholder never leaves this machine; the tests that need
 *       it are skipped by {@link CredentialsCondition}.</li>
 * </ul>
 *
 * <p>With the init argument {@code credentials=rejected} (see {@link WrongCredentialsProfile})
 * both vendors refuse Callbridge's credentials: the sandbox through
 * {@code callbridge.sandbox.reject-credentials}, real services through deliberately wrong values.
 *
 * <p>With the {@link IntegrationTarget.Store#POSTGRES postgres} store, each start brings up a
 * PostgreSQL of its own ({@link PostgresTestResource}, the same one the component tests use) and
 * hands the application the settings a deployment gives it; the application migrates the empty
 * database at startup. The server is stopped with the application.
 */
public class TargetConfiguration implements QuarkusTestResourceLifecycleManager {

    /** The {@code X-API-Key} the suite sends; the launched application accepts only this one. */
    public static final String API_KEY = "integration-test-key";
    /** Simulated seconds per real second: a whole answered call plays in about half a second. */
    static final String SANDBOX_SPEED = "20";
    /**
     * Live calls per simulated vendor before it answers 429. Above what the tests place at once:
     * a call hung up before it was answered keeps its Ultravox side waiting until the join
     * timeout (3 s here), as on the real service.
     */
    public static final int SANDBOX_MAX_CONCURRENT_CALLS = 20;
    /**
     * What a sandbox caller hears when no agent takes the call: the suite's own words, so that
     * hearing them proves Callbridge answered its fallback TwiML (a failed webhook would have the
     * caller hear Twilio's application error message instead).
     */
    static final String INBOUND_FALLBACK = "This is the Callbridge integration suite; nobody takes this call.";
    /** Signs the simulated Ultravox's webhooks; not a secret, it opens nothing but this sandbox. */
    static final String SANDBOX_WEBHOOK_SECRET = "integration-suite-sandbox-webhook-secret";
    /** Nothing listens on the discard port: requests to it fail at once and stay local. */
    static final String NOWHERE = "http://127.0.0.1:9";
    static final String PLACEHOLDER_ULTRAVOX_KEY = "placeholder.integrationTestsSkipWithoutTheKey";
    static final String PLACEHOLDER_ACCOUNT_SID = "AC00000000000000000000000000000000";
    static final String PLACEHOLDER_TOKEN = "placeholder-integration-tests-skip";
    static final String PLACEHOLDER_PHONE_NUMBER = "+15005550006";
    static final String WRONG_ULTRAVOX_KEY = "wrongKey.deliberatelyWrongForTheIntegrationSuite";
    static final String WRONG_TWILIO_TOKEN = "00000000000000000000000000000000";
    /** The database the postgres store uses, created on the test's own server. */
    static final String DATABASE = "callbridge_it";

    private boolean rejected;
    private PostgresTestResource postgres;

    /**
     * Last of all test resources, so its settings win over any global one: the component tests'
     * {@code WireMockVendors} is declared with global scope, which also applies it to the launched
     * jar, and would otherwise point the real target at its WireMock server.
     */
    @Override
    public int order() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void init(Map<String, String> args) {
        rejected = "rejected".equals(args.get("credentials"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("callbridge.api-keys", API_KEY);
        // Production's Ultravox read timeout, over the 2 s of the global WireMockVendors (see order()).
        config.put("quarkus.rest-client.ultravox.read-timeout", "${ULTRAVOX_READ_TIMEOUT_MS:10000}");
        // Plain log lines in target/quarkus.log (quarkus-postgres.log in the postgres run), easier
        // to read than production's JSON (the %prod value would win over an unprofiled key, so
        // the variable it reads is set).
        config.put("CALLBRIDGE_LOG_JSON", "false");
        config.put("quarkus.log.file.json.enabled", "false");
        config.put("quarkus.log.category.\"dev.callbridge\".level", IntegrationTarget.logLevel());
        if (IntegrationTarget.debug()) {
            config.put("quarkus.log.level", IntegrationTarget.logLevel());
        }
        if (IntegrationTarget.sandbox()) {
            sandbox(config);
        } else {
            real(config, TestCredentials.fromEnvironment());
        }
        if (IntegrationTarget.store() == IntegrationTarget.Store.POSTGRES) {
            postgres = new PostgresTestResource();
            postgres.init(Map.of(PostgresTestResource.DATABASE, DATABASE));
            config.putAll(postgres.start());
        }
        return config;
    }

    private void sandbox(Map<String, String> config) {
        config.put("callbridge.sandbox.enabled", "true");
        config.put("callbridge.sandbox.speed", SANDBOX_SPEED);
        config.put("callbridge.sandbox.max-concurrent-calls", Integer.toString(SANDBOX_MAX_CONCURRENT_CALLS));
        // With a secret the simulated Ultravox registers its account webhook and signs what it sends,
        // so the ledger learns when a conversation joined and ended, as with a configured real account.
        config.put("ultravox.webhook-secrets", SANDBOX_WEBHOOK_SECRET);
        config.put("callbridge.inbound.fallback.message", INBOUND_FALLBACK);
        if (rejected) {
            config.put("callbridge.sandbox.reject-credentials", "ultravox,twilio");
        }
    }

    private void real(Map<String, String> config, TestCredentials env) {
        // Overrides CALLBRIDGE_SANDBOX_ENABLED should the environment carry it.
        config.put("callbridge.sandbox.enabled", "false");
        boolean ultravox = env.missing(TestCredentials.ULTRAVOX).isEmpty();
        config.put("ultravox.base-url", ultravox ? env.ultravoxBaseUrl() : NOWHERE);
        config.put("ultravox.api-key", rejected ? WRONG_ULTRAVOX_KEY
                : env.get(TestCredentials.Credential.ULTRAVOX_API_KEY).orElse(PLACEHOLDER_ULTRAVOX_KEY));
        boolean twilio = env.missing(TestCredentials.TWILIO).isEmpty();
        config.put("twilio.base-url", twilio ? env.twilioBaseUrl() : NOWHERE);
        config.put("twilio.account-sid", env.get(TestCredentials.Credential.TWILIO_ACCOUNT_SID)
                .orElse(PLACEHOLDER_ACCOUNT_SID));
        config.put("twilio.auth-token", rejected ? WRONG_TWILIO_TOKEN
                : env.get(TestCredentials.Credential.TWILIO_AUTH_TOKEN).orElse(PLACEHOLDER_TOKEN));
        config.put("twilio.phone-number", env.get(TestCredentials.Credential.TWILIO_PHONE_NUMBER)
                .orElse(PLACEHOLDER_PHONE_NUMBER));
    }

    @Override
    public void stop() {
        if (postgres != null) {
            postgres.stop();
            postgres = null;
        }
    }
}
