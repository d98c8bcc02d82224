package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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

    /**
     * Longest wait for Twilio's answer once a request is sent ({@code TWILIO_READ_TIMEOUT}).
     * A call creation that times out is treated as failed and compensated.
     */
    @WithDefault("30s")
    Duration readTimeout();

    /** Longest wait to open a connection to Twilio ({@code TWILIO_CONNECT_TIMEOUT}). */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Longest wait for a free pooled connection when all are busy ({@code TWILIO_POOL_TIMEOUT}). */
    @WithDefault("10s")
    Duration poolTimeout();

    /**
     * Where the blocking SDK runs ({@code TWILIO_OFFLOAD}): {@code virtual-threads} (a new
     * virtual thread per call on JDK 21+; Quarkus falls back to its worker pool on 17) or
     * {@code worker-pool} (Quarkus' bounded worker pool, {@code QUARKUS_THREAD_POOL_MAX_THREADS}).
     */
    @WithDefault("virtual-threads")
    Offload offload();

    /** Executors that may run the Twilio SDK. */
    enum Offload {
        VIRTUAL_THREADS, WORKER_POOL
    }
}
