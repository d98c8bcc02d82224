package dev.callbridge.call;

import dev.callbridge.metrics.TwimlAnswerMeters;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * {@code callbridge.calls.connect.answers{outcome}}: connect webhooks of placed calls by how they
 * were answered ({@code connected}, or why the callee heard the apology), and
 * {@code callbridge.calls.connect.answer.time{connected}}: how long Twilio waited for the TwiML
 * (for {@code on-answer}, this includes the Ultravox call's creation). Registered once, at start.
 */
@ApplicationScoped
class ConnectMetrics {

    private final TwimlAnswerMeters meters;

    ConnectMetrics(MeterRegistry registry) {
        this.meters = new TwimlAnswerMeters(registry, "callbridge.calls.connect.answers",
                "Connect webhooks of placed calls, by how Callbridge answered them", "callbridge.calls.connect.answer.time",
                "Time from Twilio's connect webhook of a placed call to Callbridge's TwiML answer",
                List.of(ConnectOutcome.CONNECTED, ConnectOutcome.TIMEOUT, ConnectOutcome.ULTRAVOX_FAILED,
                        ConnectOutcome.LEDGER_UNAVAILABLE, ConnectOutcome.REPEATED, ConnectOutcome.UNKNOWN_PLACEMENT,
                        ConnectOutcome.PLACEMENT_FAILED, ConnectOutcome.ERROR));
    }

    /** Counts one answered connect webhook and the time its answer took. */
    void answered(String outcome, Duration took) {
        meters.answered(outcome, took);
    }
}
