package dev.callbridge.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code database}, answered from {@link DatabaseHealth}'s cache without
 * touching the database: DOWN while the postgres store's database is unreachable, always UP with
 * the memory store.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private final DatabaseHealth health;

    DatabaseReadiness(DatabaseHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return health.status().readiness();
    }
}
