package dev.callbridge.health;

import dev.callbridge.vendor.Vendor;
import io.smallrye.mutiny.Uni;

/** One cheap, authenticated request that shows whether a vendor accepts Callbridge's credentials. */
public interface VendorProbe {

    /** The vendor's name as it appears in the readiness report. */
    Vendor vendor();

    /** Sends the request; the outcome never fails, every failure is described in it. */
    Uni<ProbeOutcome> probe();
}
