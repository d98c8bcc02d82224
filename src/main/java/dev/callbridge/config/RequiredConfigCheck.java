package dev.callbridge.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses to start a production instance that lacks required settings, naming every
 * missing environment variable in one message instead of failing on the first call.
 */
@ApplicationScoped
public class RequiredConfigCheck {

    private final ServiceConfig service;
    private final UltravoxConfig ultravox;
    private final TwilioConfig twilio;

    RequiredConfigCheck(ServiceConfig service, UltravoxConfig ultravox, TwilioConfig twilio) {
        this.service = service;
        this.ultravox = ultravox;
        this.twilio = twilio;
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Callbridge cannot start: missing required configuration "
                    + String.join(", ", missing) + ". Set these environment variables.");
        }
    }

    /** The environment variable names of every required setting that has no value. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (service.apiKeys().map(List::isEmpty).orElse(true)) {
            missing.add("CALLBRIDGE_API_KEYS");
        }
        addIfBlank(missing, "ULTRAVOX_API_KEY", ultravox.apiKey());
        addIfBlank(missing, "TWILIO_ACCOUNT_SID", twilio.accountSid());
        addIfBlank(missing, "TWILIO_AUTH_TOKEN", twilio.authToken());
        addIfBlank(missing, "TWILIO_PHONE_NUMBER", twilio.phoneNumber());
        return missing;
    }

    private static void addIfBlank(List<String> missing, String name, Optional<String> value) {
        if (value.map(String::isBlank).orElse(true)) {
            missing.add(name);
        }
    }
}
