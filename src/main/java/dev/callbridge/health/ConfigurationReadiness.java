package dev.callbridge.health;

import dev.callbridge.config.RequiredConfigCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when every required setting has a value; names the missing environment variables. */
@Readiness
@ApplicationScoped
public class ConfigurationReadiness implements HealthCheck {

    private final RequiredConfigCheck required;

    ConfigurationReadiness(RequiredConfigCheck required) {
        this.required = required;
    }

    @Override
    public HealthCheckResponse call() {
        List<String> missing = required.missing();
        var builder = HealthCheckResponse.named("configuration").status(missing.isEmpty());
        if (!missing.isEmpty()) {
            builder.withData("missing", String.join(", ", missing));
        }
        return builder.build();
    }
}
