package dev.callbridge.webhook;

import dev.callbridge.vendor.Vendor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code callbridge.webhooks.received{vendor, outcome}}: the webhooks Twilio and Ultravox send
 * Callbridge, by what became of them ({@link WebhookOutcome}). Each vendor's counters are
 * registered once, at start, for the outcomes its webhooks can have, so each webhook only
 * increments one and a dashboard sees every series at zero before the first webhook arrives.
 */
@ApplicationScoped
class CallbackMetrics {

    static final String NAME = "callbridge.webhooks.received";

    /** Twilio's callbacks name only calls and carry no timestamp to check, so two outcomes never apply. */
    private static final Map<Vendor, Set<WebhookOutcome>> OUTCOMES = Map.of(
            Vendor.TWILIO, EnumSet.complementOf(EnumSet.of(WebhookOutcome.IGNORED, WebhookOutcome.REJECTED_TIMESTAMP)),
            Vendor.ULTRAVOX, EnumSet.allOf(WebhookOutcome.class));

    private final Map<Vendor, Map<WebhookOutcome, Counter>> counters = new EnumMap<>(Vendor.class);

    CallbackMetrics(MeterRegistry registry) {
        OUTCOMES.forEach((vendor, outcomes) -> {
            Map<WebhookOutcome, Counter> byOutcome = new EnumMap<>(WebhookOutcome.class);
            outcomes.forEach(outcome -> byOutcome.put(outcome, Counter.builder(NAME)
                    .description("Vendor webhooks received, by outcome")
                    .tag("vendor", vendor.tag()).tag("outcome", outcome.tag()).register(registry)));
            counters.put(vendor, byOutcome);
        });
    }

    /** Counts one webhook of {@code vendor} with {@code outcome}. */
    void count(Vendor vendor, WebhookOutcome outcome) {
        Counter counter = counters.get(vendor).get(outcome);
        if (counter == null) {
            throw new IllegalArgumentException(vendor + " webhooks have no outcome " + outcome.tag());
        }
        counter.increment();
    }
}
