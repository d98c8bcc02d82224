package dev.callbridge.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * Refuses to start with {@code CALLBRIDGE_STORE=postgres} and no {@code CALLBRIDGE_DB_URL}, naming
 * the variable, instead of failing on the first request that needs the database. Runs before
 * anything else observes the start (the stores are created on first use), in every launch mode:
 * a postgres store without a database is wrong in dev and tests too.
 */
@ApplicationScoped
public class StoreSettingsCheck {

    private final StoreConfig config;

    StoreSettingsCheck(StoreConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        problem().ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why the store settings cannot work, if they cannot. */
    Optional<String> problem() {
        if (config.kind() == StoreConfig.Kind.POSTGRES && config.db().url().filter(u -> !u.isBlank()).isEmpty()) {
            return Optional.of("Callbridge cannot start: missing required configuration CALLBRIDGE_DB_URL "
                    + "(postgresql://host:port/database), needed by CALLBRIDGE_STORE=postgres. "
                    + "Set this environment variable.");
        }
        return Optional.empty();
    }
}
