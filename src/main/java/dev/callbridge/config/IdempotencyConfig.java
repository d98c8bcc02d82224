package dev.callbridge.config;

import io.quarkus.runtime.configuration.MemorySize;
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

    /** Most finished keys kept in memory ({@code CALLBRIDGE_IDEMPOTENCY_MAX_KEYS}). */
    @WithDefault("100000")
    int maxKeys();

    /**
     * Most bytes the finished keys and their stored responses may take
     * ({@code CALLBRIDGE_IDEMPOTENCY_MAX_BYTES}); sized for the shipped 128 MiB heap.
     */
    @WithDefault("16M")
    MemorySize maxBytes();

    /**
     * With the postgres store, how long a running request holds its key
     * ({@code CALLBRIDGE_IDEMPOTENCY_LEASE}). A replica that dies mid-request leaves its claim
     * behind; after the lease a retry runs again. It must exceed the longest placement (both
     * vendors' timeouts and retries), or a slow request's key could be taken over while it runs.
     */
    @WithDefault("10m")
    Duration lease();
}
