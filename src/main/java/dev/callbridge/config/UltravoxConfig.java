package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How Callbridge reaches Ultravox, and how it checks what Ultravox sends it (prefix {@code ultravox}).
 */
@ConfigMapping(prefix = "ultravox")
public interface UltravoxConfig {

    /** Ultravox API key sent as {@code X-API-Key} ({@code ULTRAVOX_API_KEY}). Required in production. */
    Optional<String> apiKey();

    /** Base URL of the Ultravox REST API ({@code ULTRAVOX_BASE_URL}); {@code /api/...} paths are appended. */
    @WithDefault("https://api.ultravox.ai")
    String baseUrl();

    /**
     * The secrets of the Ultravox account webhook that sends to {@code /webhooks/ultravox}
     * ({@code ULTRAVOX_WEBHOOK_SECRETS}, comma-separated). A webhook is accepted when any of its
     * signatures matches any of them, so a secret is rotated by adding the new one here, then
     * at Ultravox, then removing the old one. Unset, every Ultravox webhook is refused.
     */
    Optional<List<String>> webhookSecrets();

    /**
     * How far an Ultravox webhook's {@code X-Ultravox-Webhook-Timestamp} may lie from this
     * instance's clock, before or after, for it to be accepted ({@code ULTRAVOX_WEBHOOK_TOLERANCE}):
     * the replay window. Ultravox signs each retry anew, so a retry is never refused for its age.
     */
    @WithDefault("1m")
    Duration webhookTolerance();
}
