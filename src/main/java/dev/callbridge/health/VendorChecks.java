package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Two checks per vendor, each answering from {@link VendorHealth}'s cache without any network
 * call: a readiness check ({@code ultravox}, {@code twilio}) that stays UP through a vendor
 * outage and a wellness check ({@code ultravox-reachable}, {@code twilio-reachable}) that
 * reports it; {@link VendorStatus} explains the difference.
 */
@ApplicationScoped
public class VendorChecks {

    private final VendorHealth health;

    VendorChecks(VendorHealth health) {
        this.health = health;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck ultravox() {
        return () -> health.status(Vendor.ULTRAVOX).readiness();
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck twilio() {
        return () -> health.status(Vendor.TWILIO).readiness();
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck ultravoxReachable() {
        return () -> health.status(Vendor.ULTRAVOX).wellness();
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck twilioReachable() {
        return () -> health.status(Vendor.TWILIO).wellness();
    }
}
