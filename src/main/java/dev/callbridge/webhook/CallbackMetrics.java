package dev.callbridge.webhook;

import dev.callbridge.call.CallEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code callbridge.twilio.callbacks{outcome}}: Twilio status callbacks by what became of them,
 * {@code recorded}, {@code duplicate}, {@code unknown_call} or {@code rejected_signature}. The
 * counters are registered once, at start, so each callback only increments one.
 */
@ApplicationScoped
class CallbackMetrics {

    static final String NAME = "callbridge.twilio.callbacks";

    private final Map<CallEvent.Outcome, Counter> outcomes = new EnumMap<>(CallEvent.Outcome.class);
    private final Counter rejected;

    CallbackMetrics(MeterRegistry registry) {
        for (CallEvent.Outcome outcome : CallEvent.Outcome.values()) {
            outcomes.put(outcome, counter(registry, outcome.name().toLowerCase(Locale.ROOT)));
        }
        this.rejected = counter(registry, "rejected_signature");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder(NAME).description("Twilio status callbacks by outcome").tag("outcome", outcome)
                .register(registry);
    }

    void recorded(CallEvent.Outcome outcome) {
        outcomes.get(outcome).increment();
    }

    void rejectedSignature() {
        rejected.increment();
    }
}
