package dev.callbridge.call;

import java.util.Optional;

/**
 * Remembers which Twilio call belongs to which Ultravox call. The in-memory implementation
 * forgets after a while and on restart; a durable one can replace it behind this interface.
 */
public interface CallRegistry {

    /** Remembers a placed call, replacing any earlier record with the same call id. */
    void put(CallRecord call);

    /** The call with this Ultravox call id, if it is still remembered. */
    Optional<CallRecord> find(String callId);
}
