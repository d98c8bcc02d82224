package dev.callbridge.sandbox;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says at startup, in one line, that vendors are simulated and how to use real accounts;
 * loudly when that happens in production.
 */
@ApplicationScoped
class SandboxAnnouncement {

    static final String HOW_TO_GO_REAL = "To use real accounts set CALLBRIDGE_SANDBOX_ENABLED=false and "
            + "ULTRAVOX_API_KEY, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_PHONE_NUMBER.";

    private final SandboxConfig config;
    private final String ultravoxUrl;

    SandboxAnnouncement(SandboxConfig config, @ConfigProperty(name = "ultravox.base-url") String ultravoxUrl) {
        this.config = config;
        this.ultravoxUrl = ultravoxUrl;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        String base = ultravoxUrl.substring(0, ultravoxUrl.length() - "/ultravox".length());
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warnf("!!! SANDBOX ENABLED IN PRODUCTION: Ultravox and Twilio are SIMULATED at %s; NO REAL CALL "
                    + "WILL BE PLACED and /q/health/ready reports DOWN. %s", base, HOW_TO_GO_REAL);
        } else {
            Log.infof("Sandbox mode: Ultravox and Twilio are simulated in-process at %s (no accounts, no real "
                    + "calls, no cost). %s", base, HOW_TO_GO_REAL);
        }
    }
}
