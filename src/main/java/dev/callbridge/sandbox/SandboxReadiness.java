package dev.callbridge.sandbox;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports on {@code /q/health/ready} whether vendors are simulated ({@code sandbox=true}).
 *
 * <p>A production instance with the sandbox on is reported DOWN, not UP-with-a-warning: it
 * would accept calls and answer 201 while nobody is ever dialled, which is worse than being
 * unavailable. DOWN keeps the load balancer from sending it traffic, and the probe's data says
 * why. In dev and test the sandbox is the intended setup and the check is UP.
 */
@Readiness
@ApplicationScoped
public class SandboxReadiness implements HealthCheck {

    static final String NAME = "sandbox";

    private final boolean enabled;
    private final boolean production;

    @Inject
    SandboxReadiness(SandboxConfig config) {
        this(config.enabled(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    SandboxReadiness(boolean enabled, boolean production) {
        this.enabled = enabled;
        this.production = production;
    }

    @Override
    public HealthCheckResponse call() {
        var builder = HealthCheckResponse.named(NAME).withData("sandbox", enabled);
        if (enabled && production) {
            return builder.down()
                    .withData("warning", "Production is running against the built-in simulator: no real calls are "
                            + "placed. Set CALLBRIDGE_SANDBOX_ENABLED=false and the vendor credentials.")
                    .build();
        }
        return builder.up().build();
    }
}
