package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class SandboxReadinessTest {

    @Test
    void productionWithSandboxIsDownAndSaysWhy() {
        HealthCheckResponse response = new SandboxReadiness(true, true).call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData()).get().satisfies(data -> {
            assertThat(data).containsEntry("sandbox", true);
            assertThat((String) data.get("warning")).contains("CALLBRIDGE_SANDBOX_ENABLED=false");
        });
    }

    @Test
    void productionWithoutSandboxAndDevWithSandboxAreUp() {
        assertThat(new SandboxReadiness(false, true).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(new SandboxReadiness(true, false).call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(new SandboxReadiness(false, true).call().getData()).get()
                .satisfies(data -> assertThat(data).containsEntry("sandbox", false));
    }
}
