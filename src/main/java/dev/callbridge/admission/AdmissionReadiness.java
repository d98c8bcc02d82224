package dev.callbridge.admission;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN once shutdown has begun, so the load balancer stops sending calls to an instance that
 * refuses them; reports the calls in flight and the limit.
 */
@Readiness
@ApplicationScoped
public class AdmissionReadiness implements HealthCheck {

    private final CallAdmission admission;

    AdmissionReadiness(CallAdmission admission) {
        this.admission = admission;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("call-admission")
                .status(!admission.draining())
                .withData("inFlight", admission.inFlight())
                .withData("maxInFlight", admission.limit())
                .withData("draining", admission.draining())
                .build();
    }
}
