package dev.callbridge.guard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The rules every outbound placement passes (prefix {@code callbridge.guard}). */
@ConfigMapping(prefix = "callbridge.guard")
public interface GuardConfig {

    /**
     * Most numbers on the do-not-call list ({@code CALLBRIDGE_DO_NOT_CALL_MAX_ENTRIES}): keeps the
     * memory store bounded and a runaway client from filling the database.
     */
    @WithDefault("100000")
    int doNotCallMaxEntries();
}
