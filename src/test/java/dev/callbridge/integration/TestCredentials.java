package dev.callbridge.integration;

import dev.callbridge.phone.PhoneNumbers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code TEST_*} environment variables that point the integration suite at real
 * Ultravox and Twilio accounts, and which of them a test needs.
 */
public final class TestCredentials {

    /** A credential a test may need. */
    public enum Credential {
        ULTRAVOX_API_KEY("TEST_ULTRAVOX_API_KEY"),
        TWILIO_ACCOUNT_SID("TEST_TWILIO_ACCOUNT_SID"),
        TWILIO_AUTH_TOKEN("TEST_TWILIO_AUTH_TOKEN"),
        TWILIO_PHONE_NUMBER("TEST_TWILIO_PHONE_NUMBER");

        private final String variable;

        Credential(String variable) {
            this.variable = variable;
        }

        /** The environment variable holding it. */
        public String variable() {
            return variable;
        }

        /** The name used in skip messages, e.g. {@code ultravox_api_key}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What Ultravox tests need. */
    public static final List<Credential> ULTRAVOX = List.of(Credential.ULTRAVOX_API_KEY);
    /** What Twilio tests need. */
    public static final List<Credential> TWILIO = List.of(Credential.TWILIO_ACCOUNT_SID,
            Credential.TWILIO_AUTH_TOKEN, Credential.TWILIO_PHONE_NUMBER);

    /** Production Ultravox, used when {@code TEST_ULTRAVOX_BASE_URL} is not set. */
    public static final String DEFAULT_ULTRAVOX_BASE_URL = "https://api.ultravox.ai";
    /** Production Twilio, used when {@code TEST_TWILIO_BASE_URL} is not set. */
    public static final String DEFAULT_TWILIO_BASE_URL = "https://api.twilio.com";
    /**
     * The documented default destination. Callbridge refuses it ({@code 555} is no assigned
     * North American area code), so it can never ring anyone; call tests against real services
     * are skipped until {@code TEST_PHONE_NUMBER} names a callable number.
     */
    public static final String DEFAULT_PHONE_NUMBER = "+15551234567";

    /** Optional variables and their defaults. */
    static final Map<String, String> OPTIONAL = optional();

    private final Function<String, String> env;

    TestCredentials(Function<String, String> env) {
        this.env = env;
    }

    /** Credentials read from the process environment. */
    public static TestCredentials fromEnvironment() {
        return new TestCredentials(System::getenv);
    }

    /** The value of a variable, if set and not blank. */
    public Optional<String> get(String variable) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Optional<String> get(Credential credential) {
        return get(credential.variable());
    }

    /** The credentials among {@code needed} that are not set, in order. */
    public List<Credential> missing(List<Credential> needed) {
        List<Credential> missing = new ArrayList<>();
        for (Credential c : needed) {
            if (get(c).isEmpty()) {
                missing.add(c);
            }
        }
        return missing;
    }

    /** The skip reason for missing credentials, e.g. {@code Missing required credentials: ultravox_api_key}. */
    public static String skipReason(List<Credential> missing) {
        return "Missing required credentials: " + String.join(", ", missing.stream().map(Credential::label).toList());
    }

    /** The number every call of the suite dials against real services. */
    public String phoneNumber() {
        return get("TEST_PHONE_NUMBER").orElse(DEFAULT_PHONE_NUMBER);
    }

    /**
     * Why Callbridge would refuse {@link #phoneNumber()} (its own libphonenumber check), or
     * empty when the number can be called.
     */
    public Optional<String> phoneNumberProblem() {
        try {
            PhoneNumbers.toE164(phoneNumber());
            return Optional.empty();
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            return Optional.of("TEST_PHONE_NUMBER " + (get("TEST_PHONE_NUMBER").isPresent() ? "" : "(default "
                    + DEFAULT_PHONE_NUMBER + ") ") + e.getMessage()
                    + ", so Callbridge refuses to dial it; set TEST_PHONE_NUMBER to a number you own");
        }
    }

    /** Ultravox's API base URL. */
    public String ultravoxBaseUrl() {
        return get("TEST_ULTRAVOX_BASE_URL").orElse(DEFAULT_ULTRAVOX_BASE_URL);
    }

    /** Twilio's API base URL. */
    public String twilioBaseUrl() {
        return get("TEST_TWILIO_BASE_URL").orElse(DEFAULT_TWILIO_BASE_URL);
    }

    private static Map<String, String> optional() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TEST_ULTRAVOX_BASE_URL", DEFAULT_ULTRAVOX_BASE_URL);
        m.put("TEST_TWILIO_BASE_URL", DEFAULT_TWILIO_BASE_URL);
        m.put("TEST_PHONE_NUMBER", DEFAULT_PHONE_NUMBER);
        return m;
    }
}
