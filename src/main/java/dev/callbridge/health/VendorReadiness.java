package dev.callbridge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * One readiness check per vendor, each answering from {@link VendorHealth}'s cache without
 * any network call.
 */
@ApplicationScoped
public class VendorReadiness {

    private final VendorHealth health;

    VendorReadiness(VendorHealth health) {
        this.health = health;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck ultravox() {
        return () -> health.status("ultravox").toResponse();
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck twilio() {
        return () -> health.status("twilio").toResponse();
    }
}
