package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * Remembers which Twilio call belongs to which Ultravox call. Every method acts when its
 * {@link Uni} is subscribed to and never blocks the caller's thread.
 * {@link InMemoryCallRegistry} forgets after a while and on restart;
 * {@link PostgresCallRegistry} keeps calls for the retention period and shares them between
 * replicas. {@link CallRegistries} picks one.
 */
public interface CallRegistry {

    /** Remembers a placed call, replacing any earlier record with the same call id. */
    Uni<Void> put(CallRecord call);

    /** The call with this Ultravox call id, if it is still remembered. */
    Uni<Optional<CallRecord>> find(String callId);
}
