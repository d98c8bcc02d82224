package dev.callbridge.call;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxCallRequest;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Answers the connect webhook of a {@code parallel} or {@code on-answer} placement: Twilio's
 * request for the TwiML of a call the callee has just answered. A {@code parallel} placement's
 * agent call exists by then, or is being made: its stream is answered as soon as its join URL is
 * known. An {@code on-answer} placement's agent call is made now, by the one webhook that claims
 * it in the ledger ({@link CallLedger#claimAgentCall}): a webhook Twilio sends
 * again, to this replica or another, answers that call's stream and never makes a second one.
 *
 * <p>Everything happens within {@link CallConfig#connectBudget()} (plus {@link #COMMIT_GRACE} for
 * the agent call's record), well inside the 15 s Twilio waits; whatever fails or takes longer is
 * answered with an apology ({@link CallConfig#apologyMessage()}), never an error, so the callee never hears
 * Twilio's own error message. An agent call made after the budget ran out is deleted and its end
 * recorded, so no agent waits for a callee who heard goodbye.
 */
@ApplicationScoped
@Startup
public class PlacementConnector {

    /** How often a webhook waiting for another one's agent call looks at the ledger again. */
    static final Duration POLL = Duration.ofMillis(50);
    /** How long past the budget an agent call that is ready may take to be recorded. */
    static final Duration COMMIT_GRACE = InboundConnector.COMMIT_GRACE;

    private final CallLedger ledger;
    private final UltravoxClient ultravox;
    private final CallTimeline timeline;
    private final JoinUrls joinUrls;
    private final CallConfig config;
    private final ObjectMapper mapper;
    private final ConnectMetrics metrics;
    private final PlacementRecovery recovery;

    PlacementConnector(CallLedger ledger, UltravoxClient ultravox, CallTimeline timeline, JoinUrls joinUrls,
            CallConfig config, ObjectMapper mapper, ConnectMetrics metrics, PlacementRecovery recovery) {
        this.recovery = recovery;
        this.ledger = ledger;
        this.ultravox = ultravox;
        this.timeline = timeline;
        this.joinUrls = joinUrls;
        this.config = config;
        this.mapper = mapper;
        this.metrics = metrics;
        Duration budget = config.connectBudget();
        if (budget.compareTo(Duration.ofMillis(100)) < 0 || budget.compareTo(Duration.ofSeconds(10)) > 0) {
            // Checked at start: a budget Twilio would not wait for fails every answered call, silently.
            throw new IllegalStateException("CALLBRIDGE_CALLS_CONNECT_BUDGET must be between 100 ms and 10 s "
                    + "(Twilio waits 15 s for the TwiML), got " + budget);
        }
    }

    /**
     * The TwiML for Twilio's call {@code callSid}, answered on the connect webhook of placement
     * {@code placementId}: its agent's stream, or an apology. Never fails.
     */
    public Uni<String> answer(String placementId, String callSid) {
        return Uni.createFrom().deferred(() -> {
            long start = System.nanoTime();
            WebhookAnswer answer = WebhookAnswer.within(config.connectBudget(), COMMIT_GRACE);
            // The common case first: the one webhook of an on-answer call claims its agent call.
            ledger.claimAgentCall(placementId, callSid, PlacementProgress.now())
                    .flatMap(claimed -> claimed.isPresent() ? makeAgentCall(claimed.get(), answer)
                            : ledger.find(placementId).flatMap(found -> route(found, placementId, callSid, answer)))
                    .subscribe().with(done -> answer.finish(ConnectOutcome.ERROR), failure -> {
                        if (!answer.answered()) {
                            Log.errorf("Connect webhook of placement %s (Twilio %s) answered with an apology: %s",
                                    placementId, callSid, failure.toString());
                        }
                        answer.finish(ConnectOutcome.ERROR);
                    });
            return answer.outcome().map(outcome -> {
                metrics.answered(outcome.reason(), Duration.ofNanos(System.nanoTime() - start));
                if (!outcome.isConnected()) {
                    Log.infof("Connect webhook of placement %s (Twilio %s) answered with an apology (%s)",
                            placementId, callSid, outcome.reason());
                }
                return outcome.isConnected() ? outcome.twiml() : Twiml.sayThen(config.apologyMessage(), null, null);
            });
        });
    }

    private Uni<Void> route(Optional<CallPlacement> found, String placementId, String callSid, WebhookAnswer answer) {
        CallPlacement placement = found.orElse(null);
        if (placement == null || placement.inbound() || !placement.connection().mode().needsConnectWebhook()
                || (placement.twilioCallSid() != null && !placement.twilioCallSid().equals(callSid))) {
            return declined(answer, ConnectOutcome.UNKNOWN_PLACEMENT);
        }
        if (!placement.connectable()) {
            return declined(answer, ConnectOutcome.PLACEMENT_FAILED);
        }
        // A parallel placement's agent call, or an on-answer one another webhook claimed.
        return stream(placementId, answer);
    }

    /**
     * Answers the stream of the agent call another request made or is making: from
     * {@link JoinUrls} when it is this instance's, else once the ledger shows it (its join URL
     * read from Ultravox), looking again every {@link #POLL} until the budget runs out.
     */
    private Uni<Void> stream(String placementId, WebhookAnswer answer) {
        Optional<CompletableFuture<String>> local = joinUrls.find(placementId);
        if (local.isPresent()) {
            return Uni.createFrom().completionStage(local.get())
                    // A pipeline that never finishes must not hold this request past its answer.
                    .ifNoItem().after(config.connectBudget()).fail()
                    .invoke(joinUrl -> {
                        connect(joinUrl, answer);
                        // The credential is held no longer than needed; a retry reads it again.
                        joinUrls.forget(placementId);
                    })
                    .onFailure().invoke(timeout -> answer.decline(ConnectOutcome.TIMEOUT))
                    .onFailure().recoverWithNull()
                    .replaceWithVoid();
        }
        return ledger.find(placementId).flatMap(found -> {
            CallPlacement placement = found.orElse(null);
            if (placement == null || answer.decided()) {
                return declined(answer, placement == null ? ConnectOutcome.UNKNOWN_PLACEMENT : ConnectOutcome.TIMEOUT);
            }
            if (!placement.connectable()) {
                return declined(answer, ConnectOutcome.PLACEMENT_FAILED);
            }
            // An on-answer call's agent call may be recorded before its pipeline recorded the dial.
            if (placement.callId() != null) {
                return ultravox.getCall(placement.callId())
                        .invoke(call -> connect(call.joinUrl(), answer))
                        .onFailure().invoke(failure -> answer.decline(ConnectOutcome.ULTRAVOX_FAILED))
                        .replaceWithVoid();
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL).flatMap(waited -> stream(placementId, answer));
        });
    }

    /** Answers the stream of {@code joinUrl}; null (the agent call failed) or an unusable URL is declined. */
    private void connect(String joinUrl, WebhookAnswer answer) {
        if (joinUrl == null) {
            answer.decline(ConnectOutcome.PLACEMENT_FAILED);
            return;
        }
        try {
            String twiml = Twiml.connectStream(joinUrl, config.allowInsecureStream());
            if (answer.commit()) {
                answer.connect(twiml);
            }
        } catch (Twiml.UnusableJoinUrl unusable) {
            Log.errorf("Ultravox returned a join URL Twilio cannot use: %s", unusable.getMessage());
            answer.decline(ConnectOutcome.ULTRAVOX_FAILED);
        }
    }

    /**
     * The claiming webhook of an {@code on-answer} placement: makes the agent call from the
     * request recorded with the placement, records it, then answers its stream.
     */
    private Uni<Void> makeAgentCall(CallPlacement placement, WebhookAnswer answer) {
        String placementId = placement.placementId();
        CompletableFuture<String> joinUrl = joinUrls.expect(placementId);
        UltravoxCallRequest request;
        try {
            request = mapper.treeToValue(placement.connection().agentRequest(), UltravoxCallRequest.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            joinUrl.complete(null);
            Log.errorf("Placement %s: its recorded agent request cannot be read: %s", placementId, e.getMessage());
            return notCreated(placement, answer, ConnectOutcome.ERROR);
        }
        return ultravox.createAgentCall(placement.agentId(), request)
                .onFailure().recoverWithUni(failure -> {
                    joinUrl.complete(null);
                    Log.warnf("Placement %s for agent %s: the agent call could not be made when the callee "
                            + "answered (%s)", placementId, placement.agentId(), failure.getClass().getSimpleName());
                    if (failure instanceof UltravoxException unknown && unknown.mayHaveCreated()) {
                        recovery.sweepUnknownCreation(placementId, placement.connection().agentClaimedAt());
                    }
                    return notCreated(placement, answer, ConnectOutcome.ULTRAVOX_FAILED).replaceWith((UltravoxCall) null);
                })
                .flatMap(created -> created == null ? Uni.createFrom().voidItem()
                        : answer.commit() ? record(placement, created, joinUrl, answer)
                        : release(placement, created, joinUrl, "the answer budget ran out before it was ready"));
    }

    /** Records the agent call, then answers its stream; unrecorded, it is deleted and the callee hears the apology. */
    private Uni<Void> record(CallPlacement placement, UltravoxCall created, CompletableFuture<String> joinUrl,
            WebhookAnswer answer) {
        String twiml;
        try {
            twiml = Twiml.connectStream(created.joinUrl(), config.allowInsecureStream());
        } catch (Twiml.UnusableJoinUrl unusable) {
            Log.errorf("Placement %s: Ultravox returned a join URL Twilio cannot use: %s", placement.placementId(),
                    unusable.getMessage());
            answer.declineCommitted(ConnectOutcome.ULTRAVOX_FAILED);
            return release(placement, created, joinUrl, "its join URL is unusable");
        }
        Instant createdAt = PlacementProgress.createdAt(created);
        Instant at = PlacementProgress.now();
        return ledger.attachAgentCall(placement.placementId(), created.callId(), createdAt, at)
                .onFailure().recoverWithItem(failure -> {
                    Log.errorf("Placement %s: the agent call %s could not be recorded: %s", placement.placementId(),
                            created.callId(), failure.toString());
                    return false;
                })
                .flatMap(recorded -> {
                    if (!recorded) {
                        answer.declineCommitted(ConnectOutcome.LEDGER_UNAVAILABLE);
                        return release(placement, created, joinUrl, "it could not be recorded");
                    }
                    if (!answer.connect(twiml)) {
                        return release(placement, created, joinUrl, "recording it took longer than the budget allows");
                    }
                    // For webhooks Twilio sent again that wait on this one; later ones read it again.
                    joinUrl.complete(created.joinUrl());
                    joinUrls.forget(placement.placementId());
                    // The callee may have hung up while the agent call was made: then no stream
                    // will join it, and it is released rather than left to its join timeout.
                    timeline.releaseIfHungUp(placement.placementId()).subscribe().with(done -> { }, failure -> { });
                    Log.infof("Placement %s connected to agent %s on answer (Ultravox call %s, Twilio %s)",
                            placement.placementId(), placement.agentId(), created.callId(), placement.twilioCallSid());
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * An agent call nobody will join (the callee heard the apology): deleted, and its end recorded,
     * which ends the call once Twilio reports the phone's end.
     */
    private Uni<Void> release(CallPlacement placement, UltravoxCall created, CompletableFuture<String> joinUrl,
            String why) {
        joinUrl.complete(null);
        Log.warnf("Placement %s: agent call %s released: %s", placement.placementId(), created.callId(), why);
        Instant at = PlacementProgress.now();
        Instant createdAt = PlacementProgress.createdAt(created);
        return ultravox.deleteCall(created.callId())
                .onFailure().invoke(failure -> Log.errorf("Orphaned Ultravox call %s of placement %s: deleting it "
                        + "failed; it ends at its join timeout: %s", created.callId(), placement.placementId(),
                        failure.toString()))
                .onFailure().recoverWithNull()
                .flatMap(deleted -> timeline.amended(placement.placementId(),
                        p -> p.withAgentCall(created.callId(), createdAt, at).withConversation(
                                new ConversationEvent(CallTimeline.RELEASED, null, at, "unjoined", null, null, at), at)))
                .onFailure().invoke(failure -> Log.warnf("The end of released Ultravox call %s could not be "
                        + "recorded; the follow-up will find it: %s", created.callId(), failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Declines the answer and records that the placement has no agent leg, which ends it with Twilio's end. */
    private Uni<Void> notCreated(CallPlacement placement, WebhookAnswer answer, String reason) {
        answer.decline(reason);
        Instant at = PlacementProgress.now();
        return timeline.amended(placement.placementId(), p -> p.withConversation(new ConversationEvent(
                        CallTimeline.NOT_CREATED, null, at, CallTimeline.AGENT_UNAVAILABLE, null, null, at), at))
                .onFailure().invoke(failure -> Log.warnf("Placement %s: that it has no agent call could not be "
                        + "recorded; the follow-up will find it: %s", placement.placementId(), failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static Uni<Void> declined(WebhookAnswer answer, String reason) {
        answer.decline(reason);
        return Uni.createFrom().voidItem();
    }
}
