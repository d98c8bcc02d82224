package dev.callbridge.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code callbridge.calls.connect.answers{outcome}}: connect webhooks of placed calls by how they
 * were answered ({@code connected}, or why the callee heard the apology), and
 * {@code callbridge.calls.connect.answer.time{connected}}: how long Twilio waited for the TwiML
 * (for {@code on-answer}, this includes the Ultravox call's creation). Registered once, at start.
 */
@ApplicationScoped
class ConnectMetrics {

    private static final List<String> OUTCOMES = List.of(ConnectOutcome.CONNECTED, ConnectOutcome.TIMEOUT,
            ConnectOutcome.ULTRAVOX_FAILED, ConnectOutcome.LEDGER_UNAVAILABLE, ConnectOutcome.REPEATED,
            ConnectOutcome.UNKNOWN_PLACEMENT, ConnectOutcome.PLACEMENT_FAILED, ConnectOutcome.ERROR);

    private final Map<String, Counter> answers = new HashMap<>();
    private final Timer connected;
    private final Timer declined;

    ConnectMetrics(MeterRegistry registry) {
        for (String outcome : OUTCOMES) {
            answers.put(outcome, Counter.builder("callbridge.calls.connect.answers")
                    .description("Connect webhooks of placed calls, by how Callbridge answered them")
                    .tag("outcome", outcome).register(registry));
        }
        this.connected = timer(registry, true);
        this.declined = timer(registry, false);
    }

    /** Counts one answered connect webhook and the time its answer took. */
    void answered(String outcome, Duration took) {
        answers.getOrDefault(outcome, answers.get(ConnectOutcome.ERROR)).increment();
        (ConnectOutcome.CONNECTED.equals(outcome) ? connected : declined).record(took);
    }

    private static Timer timer(MeterRegistry registry, boolean connected) {
        return Timer.builder("callbridge.calls.connect.answer.time")
                .description("Time from Twilio's connect webhook of a placed call to Callbridge's TwiML answer")
                .tag("connected", Boolean.toString(connected)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(15))
                .register(registry);
    }
}
