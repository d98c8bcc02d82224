package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes each vendor's latest check as the gauge {@code callbridge.vendor.up{vendor}}
 * (1 reachable, 0 not, or not checked yet), so that an outage, which leaves readiness UP,
 * can be graphed and alerted on. Read from {@link VendorHealth}'s cache at scrape time.
 */
@Startup
@ApplicationScoped
public class VendorGauges {

    VendorGauges(VendorHealth health, MeterRegistry meters) {
        for (Vendor vendor : health.vendors()) {
            Gauge.builder("callbridge.vendor.up", health, h -> h.status(vendor).up() ? 1 : 0)
                    .description("Whether the latest background check of the vendor succeeded (1) or not (0)")
                    .tag("vendor", vendor.tag())
                    .register(meters);
        }
    }
}
