package dev.callbridge.call;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The answer to one of Twilio's TwiML requests (an inbound call's voice webhook, a placed call's
 * connect webhook), decided once: by the pipeline when it commits to connecting ({@link #commit}),
 * or as declined by whoever comes first (the budget's timer, a failure). The hard cap
 * ({@link #finish}) answers declined even after a commit, if the pipeline has not answered by
 * then, so Twilio always hears back before it gives up on the request.
 *
 * <p>The pipeline behind it runs to its end whatever happens to the webhook request: the request
 * waits on a dependent stage of the outcome, so a client that goes away cancels only its wait.
 */
final class WebhookAnswer {

    private final CompletableFuture<ConnectOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean decided = new AtomicBoolean();

    /**
     * An answer that is declined ({@link ConnectOutcome#TIMEOUT}) when {@code budget} runs out
     * undecided, and finished so when it is still unanswered {@code grace} later.
     */
    static WebhookAnswer within(Duration budget, Duration grace) {
        WebhookAnswer answer = new WebhookAnswer();
        after(budget, () -> answer.decline(ConnectOutcome.TIMEOUT));
        after(budget.plus(grace), () -> answer.finish(ConnectOutcome.TIMEOUT));
        return answer;
    }

    private static void after(Duration delay, Runnable action) {
        Uni.createFrom().voidItem().onItem().delayIt().by(delay).subscribe().with(elapsed -> action.run());
    }

    /** The outcome, once answered; cancelling the returned {@link Uni} leaves the answer alone. */
    Uni<ConnectOutcome> outcome() {
        return Uni.createFrom().completionStage(outcome.thenApply(Function.identity()));
    }

    /** Whether an outcome was answered already. */
    boolean answered() {
        return outcome.isDone();
    }

    /** Whether the answer is decided (declined, or committed to connecting). */
    boolean decided() {
        return decided.get();
    }

    /** Takes the decision to connect; false when the call was declined already. */
    boolean commit() {
        return decided.compareAndSet(false, true);
    }

    /** Answers the stream; false when the hard cap answered declined first. */
    boolean connect(String twiml) {
        return outcome.complete(ConnectOutcome.connected(twiml));
    }

    /** Answers declined unless something answered already, decided or not. */
    void finish(String reason) {
        decided.set(true);
        outcome.complete(ConnectOutcome.declined(reason));
    }

    /** Declines, unless the answer is decided already. */
    void decline(String reason) {
        if (decided.compareAndSet(false, true)) {
            outcome.complete(ConnectOutcome.declined(reason));
        }
    }

    /** Declines after {@link #commit()}: the connection could not be made after all. */
    void declineCommitted(String reason) {
        outcome.complete(ConnectOutcome.declined(reason));
    }
}
