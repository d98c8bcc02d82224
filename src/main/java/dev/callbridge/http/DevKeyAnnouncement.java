package dev.callbridge.http;

import dev.callbridge.config.ServiceConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * In dev mode, says which API key to send when the well-known development key is in use,
 * so a newcomer can call the API at once. A real key is never logged.
 */
@ApplicationScoped
public class DevKeyAnnouncement {

    /** The fixed key of the dev profile: public by design, so meant for local development only. */
    public static final String DEV_KEY = "dev-key-change-me";

    private final ServiceConfig config;

    DevKeyAnnouncement(ServiceConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT
                && config.apiKeys().orElse(List.of()).contains(DEV_KEY)) {
            Log.infof("Dev mode: send the header 'X-API-Key: %s' to call /api/**"
                    + " (set CALLBRIDGE_API_KEYS to use your own keys).", DEV_KEY);
        }
    }
}
