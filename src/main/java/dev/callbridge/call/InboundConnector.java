package dev.callbridge.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callbridge.admission.CallAdmission;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.phone.PhoneMask;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxCallRequest;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Connects an inbound call to its agent: records the call in the ledger, creates the Ultravox
 * agent call and records it, then answers the {@code <Connect><Stream>} TwiML, all within a
 * budget that keeps the answer well inside Twilio's 15 s. Whatever fails, times out or is
 * refused yields a declined outcome, never an error, so Twilio always gets TwiML to play.
 *
 * <p>The placement's id follows from Twilio's {@code CallSid}, and its first record is written
 * only if no record with that id exists ({@link CallLedger#saveNew}): a webhook Twilio sends
 * again, to any replica, finds the first one's call and answers its stream (read again from
 * Ultravox: the join URL is a credential and is not stored), and never creates a second.
 *
 * <p>Once started, the pipeline runs to its end whatever happens to the webhook request. When the
 * budget runs out first the caller hears the fallback, and an agent call created after that is
 * deleted and the placement recorded {@code compensated}: no agent waits for a caller who will
 * never come. Once the pipeline committed to connecting, only the ledger write is left; should it
 * outlast the budget by {@link #COMMIT_GRACE}, the caller hears the fallback all the same and the
 * agent call, recorded by then or soon after, is released. Inbound calls count against the same in-flight limit as placements
 * ({@link CallAdmission}); when it is reached the call is declined at once.
 */
@ApplicationScoped
public class InboundConnector {

    /** How often a repeated webhook looks for the first one's outcome. */
    static final Duration REPEAT_POLL = Duration.ofMillis(100);
    /** How long past the budget a pipeline that committed to connecting may take to record the call. */
    public static final Duration COMMIT_GRACE = Duration.ofSeconds(2);
    /** What a placement records when the budget ran out before its agent call was ready. */
    static final CallPlacement.Failure ANSWER_TIMEOUT = new CallPlacement.Failure("answer-timeout", 504);

    private final CallLedger ledger;
    private final UltravoxClient ultravox;
    private final CallTimeline timeline;
    private final CallAdmission admission;
    private final CallConfig config;

    InboundConnector(CallLedger ledger, UltravoxClient ultravox, CallTimeline timeline, CallAdmission admission,
            CallConfig config) {
        this.ledger = ledger;
        this.ultravox = ultravox;
        this.timeline = timeline;
        this.admission = admission;
        this.config = config;
    }

    /** The placement id of the inbound call with this Twilio SID: the same on every replica, every time. */
    public static String placementId(String twilioCallSid) {
        return UUID.nameUUIDFromBytes(("twilio-inbound:" + twilioCallSid).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Connects the call, or declines it when that cannot be done within {@code budget}. Never
     * fails, and answers within {@code budget} plus {@link #COMMIT_GRACE} at the latest.
     */
    public Uni<ConnectOutcome> connect(InboundRequest request, Duration budget) {
        return Uni.createFrom().deferred(() -> {
            if (budget.isZero() || budget.isNegative()) {
                return Uni.createFrom().item(ConnectOutcome.declined(ConnectOutcome.TIMEOUT));
            }
            // Once the pipeline committed to connecting, it only records the call: should even
            // that hang (a saturated pool), Twilio still gets the fallback before its 15 s.
            WebhookAnswer answer = WebhookAnswer.within(budget, COMMIT_GRACE);
            admission.admit(request.agentId(), request.to(), () -> run(request, answer))
                    // Every path answers; this only makes sure a path that forgot still does.
                    .subscribe().with(done -> answer.finish(ConnectOutcome.ERROR), failure -> {
                        if (answer.answered()) {
                            Log.debugf("Inbound call %s: after its answer: %s", request.twilioCallSid(),
                                    failure.toString());
                        } else {
                            answer.finish(reason(failure));
                        }
                    });
            return answer.outcome();
        });
    }

    private Uni<Void> run(InboundRequest request, WebhookAnswer answer) {
        CallPlacement received = CallPlacement.received(placementId(request.twilioCallSid()), request.agentId(),
                request.to(), request.from(), request.twilioCallSid(), request.owner(), PlacementProgress.now());
        return ledger.saveNew(received)
                .onFailure().transform(failure -> {
                    Log.errorf("Inbound call %s to %s not connected: the ledger could not record it: %s",
                            request.twilioCallSid(), PhoneMask.mask(request.to()), failure.toString());
                    return new Declined(ConnectOutcome.LEDGER_UNAVAILABLE);
                })
                .flatMap(fresh -> fresh ? create(request, PlacementProgress.recorded(ledger, received), answer)
                        : repeated(received.placementId(), answer));
    }

    /** The first webhook of a call: create the agent call, unless the budget ran out already. */
    private Uni<Void> create(InboundRequest request, PlacementProgress progress, WebhookAnswer answer) {
        if (answer.decided()) {
            return progress.advance(p -> p.failed(ANSWER_TIMEOUT,
                    PlacementProgress.now())).invoke(recorded -> timeline.settled(progress.recorded(), false))
                    .replaceWithVoid();
        }
        String placementId = progress.current().placementId();
        return ultravox.createAgentCall(request.agentId(), ultravoxRequest(request, placementId))
                .onFailure().call(failure -> ultravoxFailed(request, progress, failure))
                .onFailure().transform(failure -> new Declined(ConnectOutcome.ULTRAVOX_FAILED))
                .flatMap(created -> answer.commit() ? record(request, created, progress, answer)
                        : release(created, ANSWER_TIMEOUT, progress));
    }

    private Uni<Void> ultravoxFailed(InboundRequest request, PlacementProgress progress, Throwable failure) {
        if (failure instanceof UltravoxException ultravoxFailure && ultravoxFailure.mayHaveCreated()) {
            // The placement stays accepted: recovery deletes the agent call by its placement id tag.
            Log.warnf("Inbound call %s: Ultravox call creation failed with an unknown outcome (%s); recovery "
                    + "will delete the call if it exists", request.twilioCallSid(), failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        Log.warnf("Inbound call %s for agent %s not connected: Ultravox failed (%s)", request.twilioCallSid(),
                request.agentId(), failure.getClass().getSimpleName());
        return progress.advance(p -> p.failed(PlacementProgress.failure(failure), PlacementProgress.now()))
                .invoke(recorded -> timeline.settled(progress.recorded(), false)).replaceWithVoid();
    }

    /**
     * Records the connected call, then answers its stream: a call the ledger could not record is
     * not connected (its agent call is deleted and the caller hears the fallback).
     */
    private Uni<Void> record(InboundRequest request, UltravoxCall created, PlacementProgress progress,
            WebhookAnswer answer) {
        String twiml;
        try {
            twiml = Twiml.connectStream(created.joinUrl(), config.allowInsecureStream());
        } catch (Twiml.UnusableJoinUrl unusable) {
            Log.errorf("Inbound call %s: Ultravox returned a join URL Twilio cannot use: %s",
                    request.twilioCallSid(), unusable.getMessage());
            answer.declineCommitted(ConnectOutcome.ULTRAVOX_FAILED);
            return release(created, new CallPlacement.Failure("upstream-bad-response", 502), progress);
        }
        Instant ultravoxAt = PlacementProgress.now();
        Instant followUp = ultravoxAt.plus(request.joinTimeout())
                .plusSeconds(CallRules.ULTRAVOX_DEFAULT_MAX_DURATION_SECONDS).plus(config.followUp().margin());
        Instant createdAt = PlacementProgress.createdAt(created);
        return progress.require(p -> p.connected(created.callId(), createdAt, ultravoxAt, PlacementProgress.now(),
                        followUp))
                .map(recorded -> true)
                .onFailure().recoverWithUni(failure -> {
                    answer.declineCommitted(ConnectOutcome.LEDGER_UNAVAILABLE);
                    return release(created, PlacementProgress.failure(failure), progress).replaceWith(false);
                })
                .flatMap(recorded -> recorded ? answered(request, created, twiml, progress, answer)
                        : Uni.createFrom().voidItem());
    }

    /**
     * Answers the recorded call's stream. If the record took so long that Twilio got the fallback
     * meanwhile (the hard cap), nobody will join the agent call: its end is recorded
     * ({@code unjoined}) and it is deleted; the placement stays {@code dialed}, and ends with the
     * number's status callback or the follow-up.
     */
    private Uni<Void> answered(InboundRequest request, UltravoxCall created, String twiml,
            PlacementProgress progress, WebhookAnswer answer) {
        boolean connected = answer.connect(twiml);
        timeline.settled(progress.recorded(), false);
        if (connected) {
            Log.infof("Inbound call %s to %s connected to agent %s (Ultravox call %s, placement %s)",
                    request.twilioCallSid(), PhoneMask.mask(request.to()), request.agentId(), created.callId(),
                    progress.current().placementId());
            return Uni.createFrom().voidItem();
        }
        Log.warnf("Inbound call %s: recording it took longer than the answer budget allows; the caller heard the "
                + "fallback and Ultravox call %s is released", request.twilioCallSid(), created.callId());
        // Its end is recorded first: a repeated webhook that finds the call then declines too,
        // rather than answer the stream of an agent call about to be deleted.
        Instant now = PlacementProgress.now();
        return timeline.conversation(created.callId(), new ConversationEvent(CallTimeline.RELEASED, null, now,
                        "unjoined", null, null, now))
                .onFailure().invoke(failure -> Log.warnf("The end of released Ultravox call %s could not be "
                        + "recorded; the follow-up will find it: %s", created.callId(), failure.toString()))
                .onFailure().recoverWithNull()
                .flatMap(recorded -> ultravox.deleteCall(created.callId()))
                .onFailure().invoke(failure -> Log.errorf("Orphaned Ultravox call %s of inbound placement %s: "
                        + "deleting it failed: %s", created.callId(), progress.current().placementId(),
                        failure.toString()))
                .onFailure().recoverWithNull();
    }

    /** Deletes an agent call no caller will join and records the placement compensated (or failed, if it stays). */
    private Uni<Void> release(UltravoxCall created, CallPlacement.Failure failure, PlacementProgress progress) {
        return ultravox.deleteCall(created.callId())
                .flatMap(deleted -> progress.advance(p -> p.compensated(created.callId(), failure,
                        PlacementProgress.now())))
                .onFailure().call(deletion -> {
                    Log.errorf("Orphaned Ultravox call %s of inbound placement %s: deleting it failed: %s",
                            created.callId(), progress.current().placementId(), deletion.toString());
                    return progress.advance(p -> p.failed(failure, PlacementProgress.now()));
                })
                .onFailure().recoverWithNull()
                .invoke(recorded -> timeline.settled(progress.recorded(), false))
                .replaceWithVoid();
    }

    /**
     * A webhook Twilio sent again: answers the first one's stream once it is recorded (the join
     * URL read from Ultravox), declines if the first one was declined or the call ended. Looks
     * again every {@link #REPEAT_POLL} while the first one is still on its way, until the budget
     * runs out.
     */
    private Uni<Void> repeated(String placementId, WebhookAnswer answer) {
        return ledger.find(placementId).flatMap(found -> {
            CallPlacement first = found.orElse(null);
            if (first == null || answer.decided()) {
                return Uni.createFrom().voidItem().invoke(() -> answer.decline(ConnectOutcome.REPEATED));
            }
            if (first.state() == CallPlacement.State.DIALED && first.conversation().ended() == null) {
                return ultravox.getCall(first.callId())
                        .map(call -> Twiml.connectStream(call.joinUrl(), config.allowInsecureStream()))
                        .onFailure().transform(failure -> new Declined(ConnectOutcome.ULTRAVOX_FAILED))
                        .invoke(twiml -> {
                            if (answer.commit()) {
                                answer.connect(twiml);
                            }
                        })
                        .replaceWithVoid();
            }
            if (first.state().settled()) {
                return Uni.createFrom().voidItem().invoke(() -> answer.decline(ConnectOutcome.REPEATED));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(REPEAT_POLL)
                    .flatMap(waited -> repeated(placementId, answer));
        });
    }

    private static String reason(Throwable failure) {
        if (failure instanceof Declined declined) {
            return declined.reason;
        }
        if (failure instanceof ApiProblemException problem && problem.status() == 503
                && ("overloaded".equals(problem.kind()) || "shutting-down".equals(problem.kind()))) {
            return ConnectOutcome.OVERLOADED;
        }
        Log.errorf("Inbound call not connected: %s", failure.toString());
        return ConnectOutcome.ERROR;
    }

    private static UltravoxCallRequest ultravoxRequest(InboundRequest request, String placementId) {
        Map<String, String> metadata = new LinkedHashMap<>(request.metadata());
        metadata.put(CallService.PLACEMENT_ID_METADATA, placementId);
        return new UltravoxCallRequest(CallService.TWILIO_MEDIUM, request.templateContext(), metadata, null, null,
                request.joinTimeout().toSeconds() + "s", agentFirst(request.greeting()));
    }

    /** The caller has just heard the phone picked up: the agent speaks first, with the route's words if it has them. */
    private static JsonNode agentFirst(String greeting) {
        ObjectNode agent = JsonNodeFactory.instance.objectNode();
        if (greeting != null) {
            agent.put("text", greeting);
        }
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        settings.set("agent", agent);
        return settings;
    }

    /** Ends the pipeline with a reason to decline the call, already logged. */
    private static final class Declined extends RuntimeException {
        final String reason;

        Declined(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }
}
