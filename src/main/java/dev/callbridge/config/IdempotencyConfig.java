package dev.callbridge.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Idempotency keys on create endpoints (prefix {@code callbridge.idempotency}).
 */
@ConfigMapping(prefix = "callbridge.idempotency")
public interface IdempotencyConfig {

    /** How long a key and its first response are remembered ({@code CALLBRIDGE_IDEMPOTENCY_RETENTION}). */
    @WithDefault("24h")
    Duration retention();

    /** Most keys kept in memory; the oldest are forgotten first ({@code CALLBRIDGE_IDEMPOTENCY_MAX_KEYS}). */
    @WithDefault("100000")
    int maxKeys();
}
