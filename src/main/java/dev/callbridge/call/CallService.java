package dev.callbridge.call;

import dev.callbridge.phone.PhoneMask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callbridge.http.ApiProblemException;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Places, lists, inspects and ends outbound calls. Placing is one pipeline: check the request,
 * record the placement in the {@link CallLedger}, create the Ultravox call, build the TwiML from
 * its join URL, ask Twilio to dial, recording each step. When
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

    CallService(CallRules rules, UltravoxClient ultravox, TwilioGateway twilio, CallLedger ledger,
            CallConfig config, CallMetrics metrics, CallTimeline timeline) {
        this.timeline = timeline;
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
                    .flatMap(call -> {
                        PlacementProgress progress = new PlacementProgress(ledger, CallPlacement.accepted(
                                UUID.randomUUID().toString(), call.agentId(), call.to(), call.from(),
                                PlacementProgress.now()).underIdempotencyKey(idempotencyKey).ownedBy(owner)
                                .connectingBy(call.connection()));
                        return progress.start().flatMap(started -> createConversation(call, progress))
                                .flatMap(created -> dial(call, created, run, progress))
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
     * ended (both legs reported their end) or if it was never dialled, the ledger alone answers.
     */
    public Uni<CallDetails> details(String id) {
        return known(id).flatMap(call -> call.state() != CallPlacement.State.DIALED || call.ended()
                ? ledger.events(call.placementId()).map(callbacks -> CallViews.recorded(call, callbacks))
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
                        created.created() == null ? null : created.created().toInstant().truncatedTo(ChronoUnit.MICROS),
                        PlacementProgress.now())));
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
                .flatMap(twiml -> twilio.createCall(new OutboundCall(call.to(), call.from(), call.fromIsConfigured(),
                        twiml, call.ringTimeoutSeconds())))
                .onFailure().call(failure -> compensate(call, created, failure, run, progress))
                .flatMap(phone -> remember(call, phone, progress));
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
                    return twilio.hangUp(phone.sid()).onFailure().invoke(failure -> Log.errorf(
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
