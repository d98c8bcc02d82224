package dev.callbridge.metrics;

import dev.callbridge.vendor.Vendor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * Latency and errors of every vendor operation. Tags are low-cardinality by construction:
 * vendor, operation name, outcome and status class; never ids or phone numbers.
 *
 * <ul>
 * <li>{@code callbridge.upstream.latency{vendor, operation, outcome}}: timer with percentiles</li>
 * <li>{@code callbridge.upstream.errors{vendor, operation, status_class}}: counter, where
 * status_class is {@code 4xx}, {@code 5xx}, {@code timeout} or {@code unreachable}</li>
 * </ul>
 */
public class UpstreamMetrics {

    private final MeterRegistry registry;

    /** Meters go to {@code registry}; Micrometer shares meters of the same name and tags. */
    public UpstreamMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Times {@code call} each time it is subscribed to, and counts its failures. */
    public <T> Uni<T> record(Vendor vendor, String operation, Uni<T> call) {
        return Uni.createFrom().deferred(() -> {
            Timer.Sample sample = Timer.start(registry);
            return call.onItemOrFailure().invoke((item, failure) -> {
                sample.stop(timer(vendor, operation, failure == null ? "success" : "failure"));
                if (failure != null) {
                    errors(vendor, operation, statusClass(failure)).increment();
                }
            });
        });
    }

    /** The status class of a failure: the vendor's status family, or why there was none. */
    static String statusClass(Throwable failure) {
        if (failure instanceof UpstreamFailure upstream) {
            if (upstream.upstreamStatus() != null) {
                return upstream.upstreamStatus() / 100 + "xx";
            }
            return upstream.status() == 504 ? "timeout" : "unreachable";
        }
        return "unreachable";
    }

    private Timer timer(Vendor vendor, String operation, String outcome) {
        return Timer.builder("callbridge.upstream.latency")
                .description("Time of one vendor operation, as Callbridge sees it")
                .tags("vendor", vendor.tag(), "operation", operation, "outcome", outcome)
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    private Counter errors(Vendor vendor, String operation, String statusClass) {
        return Counter.builder("callbridge.upstream.errors")
                .description("Failed vendor operations by status class")
                .tags("vendor", vendor.tag(), "operation", operation, "status_class", statusClass)
                .register(registry);
    }
}
