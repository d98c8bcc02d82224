package dev.callbridge.call;

import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioCallException;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The polling fallback for lost webhooks: every {@code CALLBRIDGE_CALLS_FOLLOW_UP_INTERVAL}, on
 * every replica, claims the dialled calls that have not ended although their
 * {@link CallPlacement#followUpAt() follow-up time} has passed (the longest they could last, plus a
 * margin), fetches each once from both vendors and records what they report through the
 * {@link CallTimeline}, as if the webhook had arrived. A call the vendors report still going on,
 * or that a vendor could not be asked about, is looked at again
 * {@code CALLBRIDGE_CALLS_FOLLOW_UP_RECHECK} later. An agent call Ultravox no longer knows has ended.
 *
 * <p>The same pass announces again the calls that ended or failed more than a minute ago but
 * whose final event was never queued (see {@link CallNotifier}).
 *
 * <p>Meters: {@code callbridge.calls.follow.ups{outcome}} ({@code ended}, {@code postponed},
 * {@code reannounced}).
 */
@ApplicationScoped
public class CallFollowUp {

    /** The event name of the report a follow-up makes from what Ultravox answered. */
    static final String FOLLOW_UP = "callbridge.follow-up";
    /** How long a claimed call is held: far more than the two vendor requests of its follow-up take. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** How long after a call's end its announcement may still be on its way before it counts as lost. */
    static final Duration ANNOUNCE_GRACE = Duration.ofMinutes(1);
    /** The longest a pass may take before the next one may start. */
    private static final Duration PASS_TIMEOUT = Duration.ofMinutes(10);

    private final CallLedger ledger;
    private final CallTimeline timeline;
    private final TwilioGateway twilio;
    private final UltravoxClient ultravox;
    private final CallConfig.FollowUp config;
    private final Vertx vertx;
    private final Counter ended;
    private final Counter postponed;
    private final Counter reannounced;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    CallFollowUp(CallLedger ledger, CallTimeline timeline, TwilioGateway twilio, UltravoxClient ultravox,
            CallConfig config, Vertx vertx, MeterRegistry registry) {
        this.ledger = ledger;
        this.timeline = timeline;
        this.twilio = twilio;
        this.ultravox = ultravox;
        this.config = config.followUp();
        this.vertx = vertx;
        this.ended = counter(registry, "ended");
        this.postponed = counter(registry, "postponed");
        this.reannounced = counter(registry, "reannounced");
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> pass().subscribe().with(
                done -> { }, failure -> Log.warnf("Call follow-up pass failed: %s", failure.toString())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * One pass: claims a batch of overdue calls and follows each up, then announces again the
     * calls whose final event was never queued; answers how many overdue calls ended.
     */
    Uni<Integer> pass() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        // One call claimed at a time, each for the lease: its two vendor requests, each bounded
        // by its timeout, end far within it, however many calls wait.
        return Multi.createFrom().range(0, config.batchSize())
                .onItem().transformToUniAndConcatenate(i -> ledger.claimFollowUps(LEASE, 1))
                .select().first(claimed -> !claimed.isEmpty())
                .onItem().transformToUniAndConcatenate(claimed -> followUp(claimed.get(0)))
                .collect().with(Collectors.summingInt(done -> done ? 1 : 0))
                .call(ended -> announceLost())
                // A pass that hangs (a query without an answer) must not stop every later one.
                .ifNoItem().after(PASS_TIMEOUT).fail()
                .eventually(() -> running.set(false));
    }

    /**
     * Calls that ended or failed more than {@link #ANNOUNCE_GRACE} ago without their final event
     * queued: the announcement was lost (an outbox write failed, or a process died just after the
     * ledger write), and nothing else would make it again.
     */
    private Uni<Void> announceLost() {
        return ledger.claimUnannounced(Instant.now().minus(ANNOUNCE_GRACE), LEASE, config.batchSize())
                .onItem().transformToMulti(claimed -> Multi.createFrom().iterable(claimed))
                .onItem().transformToUniAndConcatenate(call -> timeline.announce(call)
                        .invoke(() -> reannounced.increment())
                        .onFailure().invoke(failure -> Log.warnf("Events of placement %s could not be queued: %s",
                                call.placementId(), failure.toString()))
                        .onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private Uni<Boolean> followUp(CallPlacement call) {
        return Uni.combine().all().unis(phoneLeg(call), agentCall(call)).asTuple()
                .flatMap(legs -> report(call, legs.getItem1(), legs.getItem2()))
                .flatMap(reported -> ledger.find(call.placementId()))
                .flatMap(now -> {
                    if (now.isPresent() && now.get().ended()) {
                        ended.increment();
                        return Uni.createFrom().item(true);
                    }
                    return postpone(call, "still going on");
                })
                .onFailure().recoverWithUni(failure -> postpone(call, failure.toString()));
    }

    /** Records the final status Twilio reports and the end Ultravox reports, each when there is one. */
    private Uni<Void> report(CallPlacement call, Optional<TwilioCall> phone, Optional<UltravoxCall> agent) {
        Instant now = PlacementProgress.now();
        Uni<CallEvent.Outcome> phoneEnd = phone.filter(TwilioCall::isTerminal)
                .map(p -> timeline.twilioStatus(call.twilioCallSid(), new CallEvent(TimelineEntry.FOLLOW_UP_SEQUENCE,
                        p.status(), p.endTime() == null ? null : p.endTime().toInstant(), p.durationSeconds(), null,
                        now)))
                .orElse(Uni.createFrom().item(CallEvent.Outcome.DUPLICATE));
        ConversationEvent talk = agent.map(a -> a.ended() == null ? null : new ConversationEvent(FOLLOW_UP,
                        a.joined() == null ? null : a.joined().toInstant(), a.ended().toInstant(), a.endReason(),
                        a.shortSummary(), a.summary(), now))
                // Ultravox no longer knows the call: deleted, or past its retention, so it is over.
                .orElseGet(() -> new ConversationEvent(FOLLOW_UP, null, now, null, null, null, now));
        return phoneEnd.flatMap(done -> talk == null || call.withoutAgentCall() ? Uni.createFrom().item(done)
                // An on-answer call whose connect webhook died making the agent call: none will come.
                : call.callId() == null ? timeline.amended(call.placementId(), p -> p.withConversation(talk, now))
                : timeline.conversation(call.callId(), talk)).replaceWithVoid();
    }

    private Uni<Optional<TwilioCall>> phoneLeg(CallPlacement call) {
        return twilio.fetchCall(call.twilioCallSid()).map(Optional::of)
                .onFailure(f -> f instanceof TwilioCallException gone && Integer.valueOf(404).equals(gone.upstreamStatus()))
                .recoverWithItem(Optional.empty());
    }

    private Uni<Optional<UltravoxCall>> agentCall(CallPlacement call) {
        if (call.callId() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return ultravox.getCall(call.callId()).map(Optional::of)
                .onFailure(UltravoxException::notFound)
                .recoverWithItem(Optional.empty());
    }

    private Uni<Boolean> postpone(CallPlacement call, String why) {
        postponed.increment();
        Instant next = Instant.now().plus(config.recheck());
        Log.infof("Call %s (Twilio %s) has not ended by its follow-up (%s); looking again at %s", call.callId(),
                call.twilioCallSid(), why, next);
        return ledger.postponeFollowUp(call.placementId(), next).replaceWith(false)
                .onFailure().recoverWithItem(false);
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("callbridge.calls.follow.ups")
                .description("Dialled calls followed up because no webhook reported their end, by outcome")
                .tag("outcome", outcome).register(registry);
    }
}
