package dev.callbridge.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start a production instance that lacks required settings, naming every
 * missing environment variable in one message instead of failing on the first call.
 */
@ApplicationScoped
public class RequiredConfigCheck {

    /** Every setting production cannot do without, named by its environment variable. */
    enum Required {
        CALLBRIDGE_API_KEYS, ULTRAVOX_API_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER
    }

    private final ServiceConfig service;
    private final UltravoxConfig ultravox;
    private final TwilioConfig twilio;

    RequiredConfigCheck(ServiceConfig service, UltravoxConfig ultravox, TwilioConfig twilio) {
        this.service = service;
        this.ultravox = ultravox;
        this.twilio = twilio;
    }

    /**
     * The names of the environment variables production requires, in a stable order; what
     * deployment manifests must provide.
     */
    public static List<String> requiredEnvVars() {
        return Arrays.stream(Required.values()).map(Enum::name).toList();
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            String message = refusal(missing);
            // Quarkus reports the failed start with this exception nested deep in one long line
            // (in JSON, inside exception.causedBy); the sentence an operator needs comes first,
            // on a short line of its own.
            Log.error(message);
            throw new IllegalStateException(message);
        }
    }

    /** The one sentence that tells an operator what to set. */
    static String refusal(List<String> missing) {
        return "Callbridge cannot start: missing required configuration " + String.join(", ", missing)
                + ". Set these environment variables.";
    }

    /** The environment variable names of every required setting that has no value. */
    public List<String> missing() {
        return Arrays.stream(Required.values())
                .filter(setting -> value(setting).map(String::isBlank).orElse(true))
                .map(Enum::name)
                .toList();
    }

    // A switch expression over the enum: adding a required name without saying where its
    // value comes from does not compile.
    private Optional<String> value(Required setting) {
        return switch (setting) {
            case CALLBRIDGE_API_KEYS -> service.apiKeys().filter(keys -> !keys.isEmpty())
                    .map(keys -> String.join(",", keys));
            case ULTRAVOX_API_KEY -> ultravox.apiKey();
            case TWILIO_ACCOUNT_SID -> twilio.accountSid();
            case TWILIO_AUTH_TOKEN -> twilio.authToken();
            case TWILIO_PHONE_NUMBER -> twilio.phoneNumber();
        };
    }
}
