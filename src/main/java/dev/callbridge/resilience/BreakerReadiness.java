package dev.callbridge.resilience;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports each vendor's circuit breaker state ({@code closed}, {@code half_open}, {@code open})
 * in the readiness data. Always UP: an open breaker is the service protecting itself, and the
 * vendor checks already report an outage; taking every replica out of the load balancer
 * would turn fast 503s into refused connections.
 */
@Readiness
@ApplicationScoped
public class BreakerReadiness implements HealthCheck {

    private final Resilience resilience;

    BreakerReadiness(Resilience resilience) {
        this.resilience = resilience;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("circuit-breakers").up();
        for (VendorGuard guard : resilience.guards()) {
            builder.withData(guard.vendor().tag(), guard.state().name().toLowerCase(Locale.ROOT));
        }
        return builder.build();
    }
}
