package dev.callbridge.http;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Work that, once started, runs to its end whatever the HTTP client does. Quarkus cancels
 * a resource method's {@code Uni} when the client disconnects; for a phone call or an agent
 * creation that would abandon vendor work half done (a dialled phone nobody records, an
 * idempotency key released while its request still runs). Here the work is subscribed to
 * on its own: cancelling the returned {@code Uni} only stops the wait for its result.
 */
public final class Detached {

    private Detached() {
    }

    /** Starts {@code work} when the returned {@code Uni} is subscribed to, and never cancels it. */
    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> Uni.createFrom().<T>deferred(work::get)
                .subscribe().with(emitter::complete, emitter::fail));
    }
}
