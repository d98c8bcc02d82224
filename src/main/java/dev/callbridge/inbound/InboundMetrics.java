package dev.callbridge.inbound;

import dev.callbridge.call.ConnectOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code callbridge.inbound.calls{outcome}}: inbound calls by how they were answered
 * ({@code connected}, or the reason the caller heard the fallback), and
 * {@code callbridge.inbound.answer.time{connected}}: how long Twilio waited for the answer. Every
 * series is registered once, at start.
 */
@ApplicationScoped
class InboundMetrics {

    /** A called number with no route. */
    static final String NO_ROUTE = "no-route";
    /** The route could not be read, or something unforeseen failed: the caller still hears the fallback. */
    static final String ERROR = ConnectOutcome.ERROR;

    private static final List<String> OUTCOMES = List.of(ConnectOutcome.CONNECTED, ConnectOutcome.TIMEOUT,
            ConnectOutcome.OVERLOADED, ConnectOutcome.ULTRAVOX_FAILED, ConnectOutcome.LEDGER_UNAVAILABLE,
            ConnectOutcome.REPEATED, NO_ROUTE, ERROR);

    private final Map<String, Counter> calls = new HashMap<>();
    private final Timer connected;
    private final Timer declined;

    InboundMetrics(MeterRegistry registry) {
        for (String outcome : OUTCOMES) {
            calls.put(outcome, Counter.builder("callbridge.inbound.calls")
                    .description("Inbound calls, by how Callbridge answered them").tag("outcome", outcome)
                    .register(registry));
        }
        this.connected = timer(registry, true);
        this.declined = timer(registry, false);
    }

    /** Counts one answered webhook and the time its answer took. */
    void answered(String outcome, Duration took) {
        calls.getOrDefault(outcome, calls.get(ERROR)).increment();
        (ConnectOutcome.CONNECTED.equals(outcome) ? connected : declined).record(took);
    }

    private static Timer timer(MeterRegistry registry, boolean connected) {
        return Timer.builder("callbridge.inbound.answer.time")
                .description("Time from Twilio's voice webhook to Callbridge's TwiML answer")
                .tag("connected", Boolean.toString(connected)).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(15))
                .register(registry);
    }
}
