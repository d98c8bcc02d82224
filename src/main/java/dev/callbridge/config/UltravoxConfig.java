package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * How Callbridge reaches Ultravox (prefix {@code ultravox}).
 */
@ConfigMapping(prefix = "ultravox")
public interface UltravoxConfig {

    /** Ultravox API key sent as {@code X-API-Key} ({@code ULTRAVOX_API_KEY}). Required in production. */
    Optional<String> apiKey();

    /** Base URL of the Ultravox REST API ({@code ULTRAVOX_BASE_URL}); {@code /api/...} paths are appended. */
    @WithDefault("https://api.ultravox.ai")
    String baseUrl();
}
