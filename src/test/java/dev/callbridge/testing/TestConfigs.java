package dev.callbridge.testing;

import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.config.UltravoxConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Hand-made configuration objects for tests that run without Quarkus. */
public final class TestConfigs {

    private TestConfigs() {
    }

    record Service(Optional<List<String>> apiKeys, Optional<String> publicBaseUrl) implements ServiceConfig {
    }

    record Ultravox(Optional<String> apiKey, String baseUrl, Optional<List<String>> webhookSecrets,
            Duration webhookTolerance) implements UltravoxConfig {
    }

    record Twilio(Optional<String> accountSid, Optional<String> authToken, Optional<String> phoneNumber,
            String baseUrl, int maxConnections, Duration readTimeout, Duration connectTimeout,
            Duration poolTimeout, Offload offload) implements TwilioConfig {
    }

    public static ServiceConfig service(Optional<List<String>> apiKeys) {
        return new Service(apiKeys, Optional.empty());
    }

    public static UltravoxConfig ultravox(Optional<String> key) {
        return new Ultravox(key, "http://127.0.0.1:9", Optional.empty(), Duration.ofMinutes(1));
    }

    public static ServiceConfig service(Optional<List<String>> apiKeys, Optional<String> publicBaseUrl) {
        return new Service(apiKeys, publicBaseUrl);
    }

    public static TwilioConfig twilio(Optional<String> sid, Optional<String> token, Optional<String> number) {
        return twilio(sid, token, number, "http://127.0.0.1:9", 1, Duration.ofSeconds(5));
    }

    /** A Twilio configuration whose three timeouts all equal {@code timeout}. */
    public static TwilioConfig twilio(Optional<String> sid, Optional<String> token, Optional<String> number,
            String baseUrl, int maxConnections, Duration timeout) {
        return new Twilio(sid, token, number, baseUrl, maxConnections, timeout, timeout, timeout,
                TwilioConfig.Offload.VIRTUAL_THREADS);
    }
}
