package dev.callbridge.call;

import dev.callbridge.phone.PhoneMask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.guard.DoNotCallService;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.twilio.TwilioWebhookUrl;
import dev.callbridge.twilio.OutboundCall;
import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxCallRequest;
import dev.callbridge.ultravox.UltravoxClient;
import dev.callbridge.ultravox.UltravoxException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Places, lists, inspects and ends outbound calls. Placing is one pipeline: check the request and
 * that the number is not on the do-not-call list, record the placement in the {@link CallLedger},
 * create the Ultravox call, build the TwiML from its join URL, ask Twilio to dial, recording each
 * step. When
 * anything fails after the Ultravox call exists, that call is deleted before the client
 * hears of the failure, so no agent waits for a caller who will never come.
 */
@ApplicationScoped
public class CallService {

    /** Carries the call over Twilio: Ultravox answers with a join URL for Twilio's media stream. */
    static final JsonNode TWILIO_MEDIUM = JsonNodeFactory.instance.objectNode()
            .set("twilio", JsonNodeFactory.instance.objectNode());

    /** Turns the checked first-speaker settings into Ultravox's JSON (absent fields left out). */
    private static final ObjectMapper SETTINGS = new ObjectMapper();

    /** The Ultravox metadata key that carries the placement id. */
    static final String PLACEMENT_ID_METADATA = "callbridge.placementId";

    private final CallRules rules;
    private final UltravoxClient ultravox;
    private final TwilioGateway twilio;
    private final CallLedger ledger;
    private final CallConfig config;
    private final CallMetrics metrics;
    private final CallTimeline timeline;
    private final JoinUrls joinUrls;
    private final ServiceConfig service;
    private final PlacementRecovery recovery;
    private final DoNotCallService doNotCall;

    CallService(CallRules rules, UltravoxClient ultravox, TwilioGateway twilio, CallLedger ledger,
            CallConfig config, CallMetrics metrics, CallTimeline timeline, JoinUrls joinUrls, ServiceConfig service,
            PlacementRecovery recovery, DoNotCallService doNotCall) {
        this.doNotCall = doNotCall;
        this.recovery = recovery;
        this.timeline = timeline;
        this.joinUrls = joinUrls;
        this.service = service;
        this.rules = rules;
        this.ultravox = ultravox;
        this.twilio = twilio;
        this.ledger = ledger;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * Places a call from an agent to a phone number. The placement is recorded in the ledger
     * before the first vendor request and at every step after (see {@link PlacementProgress}).
     *
     * @param owner          who places the call ({@link dev.callbridge.http.ApiKeyOwner}): its webhook
     *                       subscriptions receive the call's events
     * @param idempotencyKey the scoped key the request runs under (see {@code Idempotency.scope}), or null
     */
    public Uni<PlacedCall> place(String agentId, PlaceCallRequest request, String owner, String idempotencyKey) {
        return Uni.createFrom().deferred(() -> {
            CallMetrics.Run run = metrics.start();
            return Uni.createFrom().item(() -> rules.check(agentId, request))
                    .call(call -> doNotCall.check(call.to()))
                    .flatMap(call -> {
                        String placementId = UUID.randomUUID().toString();
                        PlacementProgress progress = new PlacementProgress(ledger, CallPlacement.accepted(
                                placementId, call.agentId(), call.to(), call.from(),
                                PlacementProgress.now()).underIdempotencyKey(idempotencyKey).ownedBy(owner)
                                .connectingBy(connection(call, placementId)));
                        return progress.start().flatMap(started -> connect(call, run, progress))
                                // Only what the ledger holds is announced: a step it refused never happened.
                                .onItemOrFailure().invoke((placed, failure) -> timeline.settled(progress.recorded(), false));
                    })
                    .onItemOrFailure().invoke((placed, failure) -> run.end(failure))
                    .onCancellation().invoke(() -> run.end(new java.util.concurrent.CancellationException()));
        });
    }

    /** One page of the ledger, newest first; the parameters are checked first (400 on any error). */
    public Uni<CallPage> list(String agentId, String status, String direction, String since, String cursor,
            String pageSize) {
        return Uni.createFrom().item(() -> CallListing.query(agentId, status, direction, since, cursor, pageSize))
                .flatMap(ledger::list)
                .map(CallPage::of);
    }

    /**
     * What the ledger recorded of the placement with this call id, placement id or Twilio SID, with its
     * timeline. While a dialled call goes on, both legs are read live beside the timeline; once it has
     * ended (both legs reported their end) or if it was never dialled, the ledger alone answers; an
     * {@code on-answer} call without its agent call yet has only its phone leg read live.
     */
    public Uni<CallDetails> details(String id) {
        return known(id).flatMap(call -> call.state() != CallPlacement.State.DIALED || call.ended()
                ? ledger.events(call.placementId()).map(callbacks -> CallViews.recorded(call, callbacks))
                : call.callId() == null
                ? Uni.combine().all().unis(twilio.fetchCall(call.twilioCallSid()), ledger.events(call.placementId()))
                        .asTuple().map(legs -> CallViews.details(call, legs.getItem1(), null, legs.getItem2()))
                : Uni.combine().all()
                        .unis(twilio.fetchCall(call.twilioCallSid()), ultravox.getCall(call.callId()),
                                ledger.events(call.placementId()))
                        .asTuple()
                        .map(legs -> CallViews.details(call, legs.getItem1(), legs.getItem2(), legs.getItem3())));
    }

    /** Hangs up the phone leg; repeating it is harmless. A placement with no phone leg is not found. */
    public Uni<Void> hangUp(String id) {
        return known(id)
                .map(call -> {
                    if (call.twilioCallSid() == null) {
                        throw new ApiProblemException(404, "not-found", "Resource not found", "Call placement '"
                                + call.placementId() + "' has no phone leg to hang up (state "
                                + call.state().wire() + ").");
                    }
                    return call;
                })
                .flatMap(call -> twilio.hangUp(call.twilioCallSid())
                        .invoke(state -> Log.infof("Call %s (Twilio %s) hung up, status %s",
                                call.callId(), call.twilioCallSid(), state.status())))
                .replaceWithVoid();
    }

    /**
     * The placement's connection as first recorded: an {@code on-answer} placement keeps the
     * Ultravox request its connect webhook makes, on whichever replica Twilio reaches.
     */
    private CallPlacement.Connection connection(ValidatedCall call, String placementId) {
        CallPlacement.Connection asked = call.connection();
        return asked.mode() != ConnectMode.ON_ANSWER ? asked
                : new CallPlacement.Connection(asked.mode(), asked.machineDetection(), asked.voicemailMessage(),
                        SETTINGS.valueToTree(ultravoxRequest(call, placementId)), null, null);
    }

    /** Runs the placement's connect mode: which vendor is asked when. */
    private Uni<PlacedCall> connect(ValidatedCall call, CallMetrics.Run run, PlacementProgress progress) {
        return switch (call.connection().mode()) {
            case INLINE -> createConversation(call, progress).flatMap(created -> dial(call, created, run, progress));
            case PARALLEL -> dialInParallel(call, run, progress);
            case ON_ANSWER -> dialFirst(call, progress);
        };
    }

    /** Creates the Ultravox call, unless Twilio's breaker is open; a failure is recorded. */
    private Uni<UltravoxCall> createConversation(ValidatedCall call, PlacementProgress progress) {
        String placementId = progress.current().placementId();
        // With Twilio's breaker open the call cannot be dialled: create no Ultravox call.
        return twilio.checkDialable()
                .flatMap(dialable -> ultravox.createAgentCall(call.agentId(), ultravoxRequest(call, placementId)))
                .onFailure().call(failure -> creationOutcomeUnknown(failure)
                        ? unknownCreation(progress, failure)
                        : progress.advance(p -> p.failed(PlacementProgress.failure(failure), PlacementProgress.now())))
                // Written with the dialing step, microseconds later: one write less per placement.
                .invoke(created -> progress.apply(p -> p.ultravoxCreated(created.callId(),
                        PlacementProgress.createdAt(created), PlacementProgress.now())));
    }

    private static boolean creationOutcomeUnknown(Throwable failure) {
        return failure instanceof UltravoxException ultravoxFailure && ultravoxFailure.mayHaveCreated();
    }

    /**
     * Ultravox may have created the call without Callbridge learning its id: the placement stays
     * {@code accepted}, and recovery looks the call up by its placement id tag once the
     * placement is stale, deleting it if it exists.
     */
    private static Uni<Void> unknownCreation(PlacementProgress progress, Throwable failure) {
        Log.warnf("Placement %s: Ultravox call creation failed with an unknown outcome (%s); recovery will "
                + "delete the call if it exists", progress.current().placementId(), failure.getClass().getSimpleName());
        return Uni.createFrom().voidItem();
    }

    private Uni<PlacedCall> dial(ValidatedCall call, UltravoxCall created, CallMetrics.Run run,
            PlacementProgress progress) {
        return Uni.createFrom().item(() -> Twiml.connectStream(created.joinUrl(), config.allowInsecureStream()))
                .onFailure(Twiml.UnusableJoinUrl.class).transform(CallService::unusableJoinUrl)
                // On record before the request leaves: from here on a phone may ring.
                .call(twiml -> progress.require(p -> p.dialing(PlacementProgress.now())))
                .flatMap(twiml -> twilio.createCall(outbound(call, twiml, progress)))
                .onFailure().call(failure -> compensate(call, created, failure, run, progress))
                .flatMap(phone -> remember(call, phone, progress));
    }

    /**
     * {@code parallel}: the Ultravox call and the dial at once, the dial with the connect webhook
     * as its URL, where Twilio fetches the stream on answer (from {@link JoinUrls}, or the ledger).
     * Should the agent call fail, the ringing phone is cancelled (a callee who answered meanwhile
     * hears the apology) and the placement fails with Ultravox's problem; should the dial fail, the
     * agent call is deleted. Refused while either vendor's breaker is open.
     */
    private Uni<PlacedCall> dialInParallel(ValidatedCall call, CallMetrics.Run run, PlacementProgress progress) {
        String placementId = progress.current().placementId();
        CompletableFuture<String> joinUrl = joinUrls.expect(placementId);
        // With either breaker open the call would be dialled only to be cancelled: dial nobody.
        return twilio.checkDialable()
                .call(ultravox::checkAvailable)
                .onFailure().call(failure -> progress.advance(p -> p.failed(PlacementProgress.failure(failure),
                        PlacementProgress.now())))
                .call(() -> progress.require(p -> p.dialing(PlacementProgress.now())))
                .flatMap(dialing -> Uni.combine().all().unis(
                        Attempt.of(ultravox.createAgentCall(call.agentId(), ultravoxRequest(call, placementId))
                                .invoke(created -> joinUrl.complete(created.joinUrl()))),
                        Attempt.of(twilio.createCall(outbound(call, null, progress)))).asTuple())
                .onFailure().invoke(() -> joinUrl.complete(null))
                .flatMap(legs -> {
                    Attempt<UltravoxCall> agent = legs.getItem1();
                    Attempt<TwilioCall> phone = legs.getItem2();
                    if (!agent.succeeded()) {
                        joinUrl.complete(null);
                        joinUrls.forget(placementId);
                        return abandonDial(call, phone, agent.failure(), progress);
                    }
                    UltravoxCall created = agent.value();
                    progress.apply(p -> p.withAgentCall(created.callId(), PlacementProgress.createdAt(created),
                            PlacementProgress.now()));
                    if (!phone.succeeded()) {
                        joinUrls.forget(placementId);
                        return compensate(call, created, phone.failure(), run, progress)
                                .flatMap(done -> Uni.createFrom().failure(phone.failure()));
                    }
                    return remember(call, phone.value(), progress);
                });
    }

    /**
     * The agent call of a {@code parallel} placement failed: the phone, if Twilio dialled it, is
     * hung up, and the placement fails with Ultravox's problem (the client's to act on).
     */
    private Uni<PlacedCall> abandonDial(ValidatedCall call, Attempt<TwilioCall> phone, Throwable cause,
            PlacementProgress progress) {
        Log.warnf("Placement %s for agent %s: the agent call failed while the phone was dialled (%s); %s",
                progress.current().placementId(), call.agentId(), cause.getClass().getSimpleName(),
                phone.succeeded() ? "cancelling Twilio " + phone.value().sid() : "Twilio did not dial either");
        if (creationOutcomeUnknown(cause)) {
            Log.warnf("Placement %s: Ultravox may have created the agent call; it will be looked up and deleted",
                    progress.current().placementId());
            recovery.sweepUnknownCreation(progress.current().placementId(), progress.current().acceptedAt());
        }
        // A callee who answered meanwhile hears the apology, whose <Hangup/> ends the call.
        Uni<Void> hangUp = !phone.succeeded() ? Uni.createFrom().voidItem()
                : twilio.cancelUnanswered(phone.value().sid()).replaceWithVoid()
                        .onFailure().invoke(failure -> Log.errorf("Hanging up Twilio call %s of placement %s failed: %s",
                                phone.value().sid(), progress.current().placementId(), failure.toString()))
                        .onFailure().recoverWithNull();
        CallPlacement.Failure failure = PlacementProgress.failure(cause);
        return hangUp
                .call(() -> progress.advance(p -> (phone.succeeded()
                        ? p.withTwilioCall(phone.value().sid(), phone.value().status()) : p)
                        .failed(failure, PlacementProgress.now())))
                .flatMap(done -> Uni.createFrom().failure(cause));
    }

    /**
     * {@code on-answer}: only the dial, with the connect webhook as its URL; the agent call is made
     * when the callee answers (see {@link PlacementConnector}). Refused while either vendor's
     * breaker is open: a callee who answers must find an agent.
     */
    private Uni<PlacedCall> dialFirst(ValidatedCall call, PlacementProgress progress) {
        return twilio.checkDialable()
                .call(ultravox::checkAvailable)
                .onFailure().call(failure -> progress.advance(p -> p.failed(PlacementProgress.failure(failure),
                        PlacementProgress.now())))
                .call(() -> progress.require(p -> p.dialing(PlacementProgress.now())))
                .flatMap(dialing -> twilio.createCall(outbound(call, null, progress))
                        .onFailure().call(failure -> progress.advance(p -> p.failed(PlacementProgress.failure(failure),
                                PlacementProgress.now()))))
                .flatMap(phone -> remember(call, phone, progress));
    }

    /**
     * What Twilio is asked to dial: the inline TwiML, or ({@code twiml} null) the connect webhook,
     * and the detection webhook when the placement detects machines.
     */
    private OutboundCall outbound(ValidatedCall call, String twiml, PlacementProgress progress) {
        String placementId = progress.current().placementId();
        URI answerUrl = twiml != null ? null
                : webhookUrl(TwilioWebhookUrl.connectPath(placementId));
        URI detection = call.connection().machineDetection().enabled()
                ? webhookUrl(TwilioWebhookUrl.machineDetectionPath(placementId)) : null;
        return new OutboundCall(call.to(), call.from(), call.fromIsConfigured(), twiml, call.ringTimeoutSeconds(),
                answerUrl, detection, call.connection().machineDetection() == MachineDetection.LEAVE_MESSAGE);
    }

    /** A webhook's public URL; {@link CallRules} refused what needs one when there is none. */
    private URI webhookUrl(String path) {
        return URI.create(TwilioWebhookUrl.of(service, path).orElseThrow(() -> new IllegalStateException(
                "No public URL for " + path)));
    }

    /** Deletes the Ultravox call after a failure and records how that went; never replaces the failure. */
    private Uni<Void> compensate(ValidatedCall call, UltravoxCall created, Throwable cause, CallMetrics.Run run,
            PlacementProgress progress) {
        // Also after recovery settled the placement: it may have looked before this call existed.
        Log.warnf("Placing call %s for agent %s failed (%s); deleting the Ultravox call",
                created.callId(), call.agentId(), cause.getClass().getSimpleName());
        CallPlacement.Failure failure = PlacementProgress.failure(cause);
        return ultravox.deleteCall(created.callId())
                .invoke(() -> run.twilioStageFailed(true))
                .call(() -> progress.advance(p -> p.compensated(failure, PlacementProgress.now())))
                .onFailure().call(deletion -> {
                    run.twilioStageFailed(false);
                    metrics.compensationFailed();
                    Log.errorf("Orphaned Ultravox call %s (agent %s, placement %s, Twilio call: none): "
                            + "compensation failed: %s", created.callId(), call.agentId(),
                            progress.current().placementId(), deletion.getMessage());
                    return progress.advance(p -> p.failed(failure, PlacementProgress.now()));
                })
                .onFailure().recoverWithNull();
    }

    /**
     * Records the dialled call. The phone is ringing by now, so a ledger failure neither
     * compensates nor fails the placement: the client still learns the call's ids, and the ERROR
     * line (see {@link PlacementProgress}) keeps them.
     */
    private Uni<PlacedCall> remember(ValidatedCall call, TwilioCall phone, PlacementProgress progress) {
        Instant dialedAt = PlacementProgress.now();
        Instant followUp = dialedAt.plus(call.longestLifetime()).plus(config.followUp().margin());
        return progress.advance(p -> p.dialed(phone.sid(), phone.status(), dialedAt, followUp))
                .call(recorded -> recorded ? Uni.createFrom().voidItem() : checkNotSettledElsewhere(phone, progress))
                .map(ignored -> {
                    CallPlacement placed = progress.current();
                    Log.infof("Placed call %s (placement %s) for agent %s to %s via Twilio %s (%s)", placed.callId(),
                            placed.placementId(), call.agentId(), PhoneMask.mask(call.to()), phone.sid(),
                            phone.status());
                    return PlacedCall.of(placed);
                });
    }

    /**
     * After the {@code dialed} record was not written: if recovery settled the placement
     * otherwise meanwhile (it found no phone leg and deleted the Ultravox call), the phone now
     * rings into silence, so it is hung up and the placement fails. A mere write failure leaves
     * the placement as it was: recovery will find the Twilio call.
     */
    private Uni<Void> checkNotSettledElsewhere(TwilioCall phone, PlacementProgress progress) {
        String placementId = progress.current().placementId();
        return ledger.find(placementId)
                .onFailure().recoverWithItem(Optional.empty())
                .flatMap(stored -> {
                    boolean settledOtherwise = stored.filter(p -> p.state().settled())
                            .filter(p -> !phone.sid().equals(p.twilioCallSid())).isPresent();
                    if (!settledOtherwise) {
                        return Uni.createFrom().voidItem();
                    }
                    Log.errorf("Placement %s was settled by recovery while Twilio dialled %s; hanging up",
                            placementId, phone.sid());
                    // A parallel placement's agent call was made beside the dial: recovery may not have seen it.
                    String agentCall = progress.current().callId();
                    Uni<Void> release = agentCall == null || agentCall.equals(stored.get().callId())
                            ? Uni.createFrom().voidItem()
                            : ultravox.deleteCall(agentCall).onFailure().invoke(failure -> Log.errorf(
                                    "Orphaned Ultravox call %s of placement %s: deleting it failed: %s", agentCall,
                                    placementId, failure.toString())).onFailure().recoverWithNull();
                    return release.flatMap(released -> twilio.hangUp(phone.sid())).onFailure().invoke(failure -> Log.errorf(
                            "Hanging up Twilio call %s of placement %s failed: %s", phone.sid(), placementId,
                            failure.toString())).onFailure().recoverWithNull()
                            .invoke(() -> {
                                throw PlacementProgress.interrupted(stored.get());
                            }).replaceWithVoid();
                });
    }

    private Uni<CallPlacement> known(String id) {
        return Uni.createFrom().deferred(() -> ledger.find(id))
                .map(found -> found.orElseThrow(() -> ApiProblemException.notFound("call", id)));
    }

    private static UltravoxCallRequest ultravoxRequest(ValidatedCall call, String placementId) {
        // The client's metadata and the placement id, so a reconciler can match an Ultravox call
        // to its ledger row (a Twilio call carries no metadata: the ledger links its SID). Phone
        // numbers stay out of Ultravox's records.
        Map<String, String> metadata = new LinkedHashMap<>(call.metadata());
        metadata.put(PLACEMENT_ID_METADATA, placementId);
        return new UltravoxCallRequest(TWILIO_MEDIUM, call.templateContext(), metadata,
                call.maxDurationSeconds() == null ? null : call.maxDurationSeconds() + "s",
                call.recordingEnabled(), call.joinTimeoutSeconds() + "s",
                call.firstSpeakerSettings() == null ? null : SETTINGS.valueToTree(call.firstSpeakerSettings()));
    }

    private static ApiProblemException unusableJoinUrl(Throwable failure) {
        return new ApiProblemException(502, "upstream-bad-response", "Bad Gateway",
                "Ultravox returned a join URL Twilio cannot use: " + failure.getMessage() + ".");
    }
}
