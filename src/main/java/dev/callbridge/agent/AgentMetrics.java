package dev.callbridge.agent;

import dev.callbridge.http.ApiProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code callbridge.agents.operations{operation, outcome}}: agent operations by how they
 * ended: {@code success}, {@code rejected} (the client's input or a missing agent) or
 * {@code upstream_error} (Ultravox failed or could not be reached).
 */
@ApplicationScoped
public class AgentMetrics {

    private final MeterRegistry registry;

    AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts how {@code operation} ends, once per subscription. */
    <T> Uni<T> counted(String operation, Uni<T> uni) {
        return uni.onItemOrFailure().invoke((item, failure) -> counter(operation, outcome(failure)).increment());
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        return failure instanceof ApiProblemException p && p.status() < 500 && p.status() != 429
                ? "rejected" : "upstream_error";
    }

    private Counter counter(String operation, String outcome) {
        return Counter.builder("callbridge.agents.operations").description("Agent operations by outcome")
                .tags("operation", operation, "outcome", outcome).register(registry);
    }
}
