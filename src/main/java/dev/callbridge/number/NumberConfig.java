package dev.callbridge.number;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Routing of inbound numbers to agents (prefix {@code callbridge.numbers}). */
@ConfigMapping(prefix = "callbridge.numbers")
public interface NumberConfig {

    /**
     * Most numbers routed at once, over every API key ({@code CALLBRIDGE_NUMBERS_MAX_ROUTES}):
     * keeps the memory store bounded and a runaway client from filling the database.
     */
    @WithDefault("1000")
    int maxRoutes();
}
