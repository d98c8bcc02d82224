package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How Callbridge reaches Twilio (prefix {@code twilio}).
 */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** Twilio Account SID, {@code AC...} ({@code TWILIO_ACCOUNT_SID}). Required in production. */
    Optional<String> accountSid();

    /** Twilio auth token ({@code TWILIO_AUTH_TOKEN}). Required in production. */
    Optional<String> authToken();

    /** Default caller id for outbound calls, E.164 ({@code TWILIO_PHONE_NUMBER}). Required in production. */
    Optional<String> phoneNumber();

    /** Base URL of Twilio's REST API ({@code TWILIO_BASE_URL}). */
    @WithDefault("https://api.twilio.com")
    String baseUrl();

    /** Largest number of pooled connections to Twilio ({@code TWILIO_MAX_CONNECTIONS}). */
    @WithDefault("200")
    int maxConnections();
}
