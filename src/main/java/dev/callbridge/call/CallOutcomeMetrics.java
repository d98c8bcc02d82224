package dev.callbridge.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What ended calls were like, measured once per call when its last leg reports its end, from its
 * timeline: {@code callbridge.calls.time.to.ring} (accepted to the first ringing callback),
 * {@code callbridge.calls.time.to.answer} (ringing to answered), {@code callbridge.calls.time.to.greet}
 * (answered to the agent's media joining), {@code callbridge.calls.duration} (Twilio's duration of an
 * answered call; an inbound call is answered when its webhook comes in and never rings), and {@code callbridge.calls.ended{status}} (Twilio's final status). A step the
 * timeline lacks (no callbacks without a public URL, a call nobody answered) is not measured.
 */
@ApplicationScoped
public class CallOutcomeMetrics {

    private final Timer timeToRing;
    private final Timer timeToAnswer;
    private final Timer timeToGreet;
    private final Timer duration;
    /** One counter per final status, registered once. */
    private final Map<String, Counter> ended = new HashMap<>();

    CallOutcomeMetrics(MeterRegistry registry) {
        this.timeToRing = timer(registry, "callbridge.calls.time.to.ring", "From acceptance to the phone ringing");
        this.timeToAnswer = timer(registry, "callbridge.calls.time.to.answer", "From ringing to answered");
        this.timeToGreet = timer(registry, "callbridge.calls.time.to.greet",
                "From answered to the agent's media joining the call");
        this.duration = timer(registry, "callbridge.calls.duration", "Duration of answered calls, by Twilio");
        for (String status : CallEvent.FINAL_STATUSES) {
            ended.put(status, counter(registry, status));
        }
        ended.put("unknown", counter(registry, "unknown"));
    }

    /** Measures a call that has just ended. */
    void ended(CallPlacement call, List<CallEvent> callbacks) {
        ended.getOrDefault(call.twilioStatus(), ended.get("unknown")).increment();
        Optional<Instant> ringing = CallEvent.firstReceived(callbacks, Set.of("ringing"));
        // An inbound call was answered when its webhook came in, not by a callback.
        Optional<Instant> answered = call.inbound() ? Optional.of(call.acceptedAt())
                : CallEvent.firstReceived(callbacks, Set.of("in-progress"));
        ringing.ifPresent(at -> record(timeToRing, call.acceptedAt(), at));
        ringing.ifPresent(rang -> answered.ifPresent(at -> record(timeToAnswer, rang, at)));
        Instant joined = call.conversation().joined();
        answered.ifPresent(at -> {
            if (joined != null) {
                record(timeToGreet, at, joined);
            }
        });
        callbacks.stream().filter(CallEvent::isFinal).findFirst()
                .filter(last -> last.durationSeconds() != null && answered.isPresent())
                .ifPresent(last -> duration.record(Duration.ofSeconds(last.durationSeconds())));
    }

    /** Clocks of two vendors may disagree a little: a step never takes less than nothing. */
    private static void record(Timer timer, Instant from, Instant to) {
        Duration took = Duration.between(from, to);
        timer.record(took.isNegative() ? Duration.ZERO : took);
    }

    private static Timer timer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(50)).maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String status) {
        return Counter.builder("callbridge.calls.ended").description("Dialled calls that ended, by Twilio's final status")
                .tag("status", status).register(registry);
    }
}
