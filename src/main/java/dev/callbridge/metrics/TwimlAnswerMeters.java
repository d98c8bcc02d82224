package dev.callbridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The meters of a webhook that answers Twilio with TwiML (an inbound call's voice webhook, a placed
 * call's connect webhook): a counter of answers by outcome, and a histogram of the time Twilio
 * waited, split by whether the call was connected. Every series is registered once, when this is made.
 */
public final class TwimlAnswerMeters {

    /** The outcome of a connected call; every other outcome is a reason the caller heard a fallback. */
    public static final String CONNECTED = "connected";

    private final Map<String, Counter> answers = new HashMap<>();
    private final String other;
    private final Timer connected;
    private final Timer declined;

    /**
     * @param answers   the counter's name, e.g. {@code callbridge.inbound.calls}
     * @param time      the timer's name, e.g. {@code callbridge.inbound.answer.time}
     * @param outcomes  every outcome tag; the last one also counts outcomes not in the list
     */
    public TwimlAnswerMeters(MeterRegistry registry, String answers, String answersDescription, String time,
            String timeDescription, List<String> outcomes) {
        for (String outcome : outcomes) {
            this.answers.put(outcome, Counter.builder(answers).description(answersDescription).tag("outcome", outcome)
                    .register(registry));
        }
        this.other = outcomes.get(outcomes.size() - 1);
        this.connected = timer(registry, time, timeDescription, true);
        this.declined = timer(registry, time, timeDescription, false);
    }

    /** Counts one answer and the time it took. */
    public void answered(String outcome, Duration took) {
        answers.getOrDefault(outcome, answers.get(other)).increment();
        (CONNECTED.equals(outcome) ? connected : declined).record(took);
    }

    private static Timer timer(MeterRegistry registry, String name, String description, boolean connected) {
        // Twilio gives up on a TwiML request after 15 s.
        return Timer.builder(name).description(description).tag("connected", Boolean.toString(connected))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(15)).register(registry);
    }
}
