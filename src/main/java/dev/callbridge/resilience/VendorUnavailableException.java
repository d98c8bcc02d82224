package dev.callbridge.resilience;

import dev.callbridge.vendor.Vendor;
import dev.callbridge.http.ApiProblemException;
import java.time.Duration;
import java.util.List;

/**
 * The vendor's circuit breaker is open: Callbridge fails fast instead of waiting on a vendor
 * that keeps failing. Answered as 503 naming the vendor, with {@code Retry-After}.
 */
public class VendorUnavailableException extends ApiProblemException {

    private final Vendor vendor;

    VendorUnavailableException(Vendor vendor, Duration retryAfter) {
        super(503, "vendor-unavailable", "Service Unavailable",
                vendor.displayName() + " has been failing; Callbridge stopped calling it for a while. Retry later.",
                List.of(), retryAfter);
        this.vendor = vendor;
    }

    /** The breaker refuses before the request is sent: nothing reached the vendor. */
    @Override
    public boolean provablyHadNoEffect() {
        return true;
    }

    /** The vendor whose breaker is open. */
    public Vendor vendor() {
        return vendor;
    }
}
