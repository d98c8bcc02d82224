package dev.callbridge.call;

import dev.callbridge.config.IdempotencyConfig;
import dev.callbridge.idempotency.Idempotency;
import dev.callbridge.phone.PhoneMask;
import dev.callbridge.resilience.ResilienceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Settles placements that a crashed, killed or partitioned process left unsettled: every
 * {@code CALLBRIDGE_RECOVERY_INTERVAL}, on every replica, it claims through the ledger the
 * placements accepted longer than {@code CALLBRIDGE_RECOVERY_STALE_AFTER} ago that never reached
 * {@code dialed}, {@code failed} or {@code compensated} (with PostgreSQL, replicas claim disjoint
 * rows: {@code FOR UPDATE SKIP LOCKED}), has {@link PlacementRecovery} settle each with the
 * vendors, and records the outcome, and settles the placement's {@code Idempotency-Key} with it.
 * A settlement that fails (a vendor is down) is retried once
 * its claim lapses. No live pipeline can still be running on such a placement: the stale age is
 * checked at startup to exceed the longest placement the vendor timeouts allow.
 *
 * <p>Meters: {@code callbridge.calls.recovered{outcome}} ({@code dialed}, {@code compensated},
 * {@code failed}) and {@code callbridge.calls.recovery.failures}.
 */
@ApplicationScoped
public class PlacementReconciler {

    private final CallLedger ledger;
    private final PlacementRecovery recovery;
    private final Idempotency idempotency;
    private final RecoveryConfig config;
    private final ResilienceConfig resilience;
    private final Duration idempotencyLease;
    private final Vertx vertx;
    private final CallTimeline timeline;
    private final Map<CallPlacement.State, Counter> recovered = new EnumMap<>(CallPlacement.State.class);
    private final Counter failures;
    /** A pass that outlasts the interval is not overlapped by the next one. */
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    PlacementReconciler(CallLedger ledger, PlacementRecovery recovery, Idempotency idempotency,
            RecoveryConfig config, ResilienceConfig resilience, IdempotencyConfig idempotencyConfig, Vertx vertx,
            MeterRegistry registry, CallTimeline timeline) {
        this.timeline = timeline;
        this.idempotencyLease = idempotencyConfig.lease();
        this.ledger = ledger;
        this.recovery = recovery;
        this.idempotency = idempotency;
        this.config = config;
        this.resilience = resilience;
        this.vertx = vertx;
        for (CallPlacement.State settled : new CallPlacement.State[] {CallPlacement.State.DIALED,
                CallPlacement.State.COMPENSATED, CallPlacement.State.FAILED}) {
            recovered.put(settled, Counter.builder("callbridge.calls.recovered")
                    .description("Abandoned placements settled by recovery, by the state they were settled in")
                    .tag("outcome", settled.wire()).register(registry));
        }
        this.failures = Counter.builder("callbridge.calls.recovery.failures")
                .description("Settlements of abandoned placements that failed and will be retried")
                .register(registry);
    }

    void onStart(@Observes @Priority(2) StartupEvent event) {
        Duration longest = longestPlacement(resilience);
        if (config.staleAfter().compareTo(longest) <= 0) {
            throw new IllegalStateException("Callbridge cannot start: CALLBRIDGE_RECOVERY_STALE_AFTER ("
                    + config.staleAfter() + ") must be longer than the longest a placement can run with the "
                    + "configured vendor timeouts and retries (" + longest + "), or recovery could settle "
                    + "placements that are still running.");
        }
        Duration settledBy = config.staleAfter().multipliedBy(2).plus(config.interval());
        if (idempotencyLease.compareTo(settledBy) <= 0) {
            throw new IllegalStateException("Callbridge cannot start: CALLBRIDGE_IDEMPOTENCY_LEASE (" + idempotencyLease
                    + ") must be longer than twice CALLBRIDGE_RECOVERY_STALE_AFTER plus CALLBRIDGE_RECOVERY_INTERVAL ("
                    + settledBy + "), so that recovery settles an interrupted placement's key before a retry "
                    + "could take it over and dial again.");
        }
        timer = vertx.setPeriodic(config.interval().toMillis(), id -> reconcile().subscribe().with(
                settled -> { }, failure -> Log.warnf("Placement recovery pass failed: %s", failure.toString())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /**
     * One pass: claims a batch of abandoned placements and settles them one after the other.
     * Answers how many were settled; a pass already running makes this one do nothing.
     */
    Uni<Integer> reconcile() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        Instant staleBefore = Instant.now().minus(config.staleAfter());
        // One placement claimed at a time, each for the stale age: one settlement (a few vendor
        // requests, each bounded by its timeout) ends far within its own claim, however many wait.
        return Multi.createFrom().range(0, config.batchSize())
                .onItem().transformToUniAndConcatenate(i -> ledger.claimUnsettled(staleBefore, config.staleAfter(), 1))
                .select().first(claimed -> !claimed.isEmpty())
                .onItem().transformToUniAndConcatenate(claimed -> settle(claimed.get(0)))
                .collect().with(Collectors.summingInt(settled -> settled ? 1 : 0))
                // A pass that hangs (a query without an answer) must not stop every later one.
                .ifNoItem().after(config.staleAfter()).fail()
                .eventually(() -> running.set(false));
    }

    private Uni<Boolean> settle(CallPlacement abandoned) {
        return recovery.settle(abandoned)
                .flatMap(settled -> ledger.save(settled).invoke(recorded -> report(abandoned, settled, recorded))
                        .call(recorded -> recorded ? settleKey(settled) : Uni.createFrom().voidItem())
                        .invoke(recorded -> {
                            if (recorded) {
                                timeline.settled(settled, true);
                            }
                        }))
                .onFailure().recoverWithItem(failure -> {
                    failures.increment();
                    Log.warnf("Recovering placement %s (%s, Ultravox call %s) failed, retried later: %s",
                            abandoned.placementId(), abandoned.state().wire(), abandoned.callId(), failure.toString());
                    return false;
                });
    }

    /**
     * The client's {@code Idempotency-Key} of a settled placement gets what recovery found: a
     * dialled call's answer, replayed to a retry, which must not dial again; for a placement that
     * connected nobody, the key is freed and a retry places the call anew. (The key's claim by
     * the dead process lasts {@code CALLBRIDGE_IDEMPOTENCY_LEASE}, longer than the stale age, so
     * until now a retry was told to wait.)
     */
    private Uni<Void> settleKey(CallPlacement settled) {
        if (settled.idempotencyKey() == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> update = settled.state() == CallPlacement.State.DIALED
                ? idempotency.recordAnswer(settled.idempotencyKey(), AgentCallResource.created(PlacedCall.of(settled)))
                : idempotency.releaseKey(settled.idempotencyKey());
        return update.onFailure().recoverWithUni(failure -> {
            // The claim then lapses with its lease; the placement itself is settled.
            Log.warnf("Placement %s settled, but its Idempotency-Key could not be updated: %s",
                    settled.placementId(), failure.toString());
            return Uni.createFrom().voidItem();
        });
    }

    private void report(CallPlacement abandoned, CallPlacement settled, boolean recorded) {
        if (!recorded) {
            // Its own pipeline or another replica settled it meanwhile.
            Log.infof("Placement %s was settled meanwhile; recovery left it as it is", abandoned.placementId());
            return;
        }
        recovered.get(settled.state()).increment();
        Log.warnf("Recovered placement %s (agent %s, to %s) left at %s: now %s, Ultravox call %s, Twilio call %s",
                settled.placementId(), settled.agentId(), PhoneMask.mask(settled.to()), abandoned.state().wire(),
                settled.state().wire(), settled.callId(), settled.twilioCallSid());
    }

    /**
     * The longest a placement can run with these timeouts: the Ultravox creation with its
     * retries, the Twilio dial with its retries, and the deletion of the Ultravox call after a
     * failed dial, each with the retry budget it may wait.
     */
    static Duration longestPlacement(ResilienceConfig config) {
        Duration compensation = config.ultravox().readTimeout().multipliedBy(config.retry().maxAttempts())
                .plus(config.retry().budget());
        return ultravoxCreation(config).plus(twilioCreation(config)).plus(compensation);
    }

    /** The longest an Ultravox call creation can take, its retries and their waits included. */
    static Duration ultravoxCreation(ResilienceConfig config) {
        return config.ultravox().createTimeout().multipliedBy(config.ultravox().createMaxAttempts())
                .plus(config.retry().budget());
    }

    /** The longest a Twilio dial can take, its retry after a refused connection included. */
    static Duration twilioCreation(ResilienceConfig config) {
        return config.twilio().createTimeout().multipliedBy(config.twilio().createMaxAttempts())
                .plus(config.retry().budget());
    }
}
