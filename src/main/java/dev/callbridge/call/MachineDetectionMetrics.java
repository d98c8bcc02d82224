package dev.callbridge.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code callbridge.calls.machine.detections{answered_by, action}}: the first detection result of
 * each call, by who answered ({@code human}, {@code machine}, {@code fax}, {@code unknown}) and
 * what Callbridge did ({@code none}, {@code hung-up}, {@code message}, {@code failed}). Every
 * series is registered at start, so a dashboard sees them at zero before the first result.
 */
@ApplicationScoped
class MachineDetectionMetrics {

    static final String NAME = "callbridge.calls.machine.detections";

    private final Map<AnsweredBy, Map<MachineAction, Counter>> counters = new EnumMap<>(AnsweredBy.class);

    MachineDetectionMetrics(MeterRegistry registry) {
        for (AnsweredBy answeredBy : AnsweredBy.values()) {
            Map<MachineAction, Counter> byAction = new EnumMap<>(MachineAction.class);
            for (MachineAction action : MachineAction.values()) {
                byAction.put(action, Counter.builder(NAME)
                        .description("First answering-machine detection result of each call, by what was done")
                        .tag("answered_by", answeredBy.tag()).tag("action", action.tag()).register(registry));
            }
            counters.put(answeredBy, byAction);
        }
    }

    /** Counts one call's first result. */
    void count(AnsweredBy answeredBy, MachineAction action) {
        counters.get(answeredBy).get(action).increment();
    }
}
