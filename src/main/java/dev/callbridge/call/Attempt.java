package dev.callbridge.call;

import io.smallrye.mutiny.Uni;

/**
 * The outcome of one of two vendor requests made at once: a value or a failure, so that both are
 * known before either is acted on (a {@code parallel} placement cleans up after whichever failed).
 */
record Attempt<T>(T value, Throwable failure) {

    /** The outcome of {@code request}, which then never fails. */
    static <T> Uni<Attempt<T>> of(Uni<T> request) {
        return request.map(value -> new Attempt<T>(value, null))
                .onFailure().recoverWithItem(failure -> new Attempt<>(null, failure));
    }

    boolean succeeded() {
        return failure == null;
    }
}
