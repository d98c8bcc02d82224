package dev.callbridge.inbound;

import dev.callbridge.call.ConnectOutcome;
import dev.callbridge.metrics.TwimlAnswerMeters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

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

    private final TwimlAnswerMeters meters;

    InboundMetrics(MeterRegistry registry) {
        this.meters = new TwimlAnswerMeters(registry, "callbridge.inbound.calls",
                "Inbound calls, by how Callbridge answered them", "callbridge.inbound.answer.time",
                "Time from Twilio's voice webhook to Callbridge's TwiML answer", OUTCOMES);
    }

    /** Counts one answered webhook and the time its answer took. */
    void answered(String outcome, Duration took) {
        meters.answered(outcome, took);
    }
}
