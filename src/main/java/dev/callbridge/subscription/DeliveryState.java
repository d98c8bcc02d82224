package dev.callbridge.subscription;

import java.util.Locale;

/** Where a delivery stands. */
public enum DeliveryState {
    /** Not yet accepted by the receiver: waiting for its next attempt. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed; it is not sent again. */
    DEAD;

    /** The lower-case name used in the API and the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a wire name names, or {@code null}. */
    public static DeliveryState fromWire(String wire) {
        for (DeliveryState state : values()) {
            if (state.wire().equals(wire)) {
                return state;
            }
        }
        return null;
    }
}
