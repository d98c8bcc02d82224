package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * Settings of Callbridge's own HTTP API (prefix {@code callbridge}).
 */
@ConfigMapping(prefix = "callbridge")
public interface ServiceConfig {

    /**
     * API keys accepted in the {@code X-API-Key} header of every {@code /api/**} request
     * ({@code CALLBRIDGE_API_KEYS}, comma-separated). Required in production.
     */
    Optional<List<String>> apiKeys();

    /**
     * Public HTTPS base URL under which Twilio can reach this service
     * ({@code CALLBRIDGE_PUBLIC_BASE_URL}), e.g. {@code https://callbridge.example.com}. Optional:
     * when set, outbound calls ask Twilio to send status callbacks to
     * {@code <base>/webhooks/twilio/call-status}; when absent, no callback is requested.
     */
    Optional<String> publicBaseUrl();
}
