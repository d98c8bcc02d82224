package dev.callbridge.subscription;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Outgoing webhooks: subscriptions, their targets and the delivery of events (prefix {@code callbridge.webhooks}). */
@ConfigMapping(prefix = "callbridge.webhooks")
public interface WebhookConfig {

    /**
     * Whether subscription URLs may point at loopback, private, link-local and other non-public
     * addresses, and may use plain http ({@code CALLBRIDGE_WEBHOOK_ALLOW_PRIVATE_TARGETS}).
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Most subscriptions one API key may hold ({@code CALLBRIDGE_WEBHOOK_MAX_SUBSCRIPTIONS}). */
    @WithDefault("20")
    int maxSubscriptions();

    /** Longest subscription URL accepted, in characters ({@code CALLBRIDGE_WEBHOOK_MAX_URL_LENGTH}). */
    @WithDefault("2048")
    int maxUrlLength();

    /** How the outbox is delivered. */
    Delivery delivery();

    /** Delivery settings. */
    interface Delivery {

        /** How often each replica looks for due deliveries ({@code CALLBRIDGE_WEBHOOK_INTERVAL}). */
        @WithDefault("1s")
        Duration interval();

        /** Most deliveries one replica claims per pass ({@code CALLBRIDGE_WEBHOOK_BATCH_SIZE}). */
        @WithDefault("50")
        int batchSize();

        /** Most requests one replica has open to receivers at once ({@code CALLBRIDGE_WEBHOOK_CONCURRENCY}). */
        @WithDefault("16")
        int concurrency();

        /** Connect timeout, and the longest a receiver may take to answer ({@code CALLBRIDGE_WEBHOOK_TIMEOUT}). */
        @WithDefault("10s")
        Duration timeout();

        /** Attempts before a delivery is marked dead ({@code CALLBRIDGE_WEBHOOK_MAX_ATTEMPTS}). */
        @WithDefault("10")
        int maxAttempts();

        /**
         * Wait after the first failed attempt; it doubles after each further one
         * ({@code CALLBRIDGE_WEBHOOK_FIRST_BACKOFF}). With 1m and 10 attempts the last one is
         * made about 8.5 hours after the first.
         */
        @WithDefault("1m")
        Duration firstBackoff();

        /**
         * How long a claimed delivery is held by the replica that claimed it; after that another
         * replica may take it over ({@code CALLBRIDGE_WEBHOOK_LEASE}). Must exceed a whole pass.
         */
        @WithDefault("5m")
        Duration lease();

        /** Most bytes of a receiver's answer read before the connection is dropped. */
        @WithDefault("65536")
        int maxResponseBytes();

        /** How long delivered and dead deliveries stay listed ({@code CALLBRIDGE_WEBHOOK_RETENTION}). */
        @WithDefault("7d")
        Duration retention();

        /** Most deliveries the memory store keeps (the postgres store is bounded by retention). */
        @WithDefault("100000")
        int maxQueued();
    }
}
