package dev.callbridge.call;

import dev.callbridge.phone.PhoneMask;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.twilio.OutboundCall;
import dev.callbridge.twilio.TwilioCall;
import dev.callbridge.twilio.TwilioGateway;
import dev.callbridge.ultravox.UltravoxCall;
import dev.callbridge.ultravox.UltravoxCallRequest;
import dev.callbridge.ultravox.UltravoxClient;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Places, inspects and ends outbound calls. Placing is one pipeline: check the request,
 * create the Ultravox call, build the TwiML from its join URL, ask Twilio to dial. When
 * anything fails after the Ultravox call exists, that call is deleted before the client
 * hears of the failure, so no agent waits for a caller who will never come.
 */
@ApplicationScoped
public class CallService {

    /** Carries the call over Twilio: Ultravox answers with a join URL for Twilio's media stream. */
    private static final JsonNode TWILIO_MEDIUM = JsonNodeFactory.instance.objectNode()
            .set("twilio", JsonNodeFactory.instance.objectNode());

    private final CallRules rules;
    private final UltravoxClient ultravox;
    private final TwilioGateway twilio;
    private final CallRegistry registry;
    private final CallConfig config;
    private final CallMetrics metrics;

    CallService(CallRules rules, UltravoxClient ultravox, TwilioGateway twilio, CallRegistry registry,
            CallConfig config, CallMetrics metrics) {
        this.rules = rules;
        this.ultravox = ultravox;
        this.twilio = twilio;
        this.registry = registry;
        this.config = config;
        this.metrics = metrics;
    }

    /** Places a call from an agent to a phone number. */
    public Uni<PlacedCall> place(String agentId, PlaceCallRequest request) {
        return Uni.createFrom().deferred(() -> {
            CallMetrics.Run run = metrics.start();
            return Uni.createFrom().item(() -> rules.check(agentId, request))
                    // With Twilio's breaker open the call cannot be dialled: create no Ultravox call.
                    .call(call -> twilio.checkDialable())
                    .flatMap(call -> ultravox.createAgentCall(call.agentId(), ultravoxRequest(call))
                            .flatMap(created -> dial(call, created, run)))
                    .onItemOrFailure().invoke((placed, failure) -> run.end(failure))
                    .onCancellation().invoke(() -> run.end(new java.util.concurrent.CancellationException()));
        });
    }

    /** What Callbridge remembers of the call, with the live state of both legs. */
    public Uni<CallDetails> details(String callId) {
        return known(callId)
                .flatMap(call -> Uni.combine().all()
                        .unis(twilio.fetchCall(call.twilioCallSid()), ultravox.getCall(call.callId()))
                        .asTuple()
                        .map(legs -> CallViews.details(call, legs.getItem1(), legs.getItem2())));
    }

    /** Hangs up the phone leg; repeating it is harmless. */
    public Uni<Void> hangUp(String callId) {
        return known(callId)
                .flatMap(call -> twilio.hangUp(call.twilioCallSid())
                        .invoke(state -> Log.infof("Call %s (Twilio %s) hung up, status %s",
                                call.callId(), call.twilioCallSid(), state.status())))
                .replaceWithVoid();
    }

    private Uni<PlacedCall> dial(ValidatedCall call, UltravoxCall created, CallMetrics.Run run) {
        return Uni.createFrom().item(() -> Twiml.connectStream(created.joinUrl(), config.allowInsecureStream()))
                .onFailure(Twiml.UnusableJoinUrl.class).transform(CallService::unusableJoinUrl)
                .flatMap(twiml -> twilio.createCall(new OutboundCall(call.to(), call.from(), call.fromIsConfigured(),
                        twiml, call.ringTimeoutSeconds())))
                .onFailure().call(failure -> compensate(call, created, failure, run))
                .flatMap(phone -> remember(call, created, phone));
    }

    /** Deletes the Ultravox call after a failure; never replaces the original failure. */
    private Uni<Void> compensate(ValidatedCall call, UltravoxCall created, Throwable cause, CallMetrics.Run run) {
        Log.warnf("Placing call %s for agent %s failed (%s); deleting the Ultravox call",
                created.callId(), call.agentId(), cause.getClass().getSimpleName());
        return ultravox.deleteCall(created.callId())
                .invoke(() -> run.twilioStageFailed(true))
                .onFailure().invoke(failure -> {
                    run.twilioStageFailed(false);
                    metrics.compensationFailed();
                    Log.errorf("Orphaned Ultravox call %s (agent %s, Twilio call: none): compensation failed: %s",
                            created.callId(), call.agentId(), failure.getMessage());
                })
                .onFailure().recoverWithNull();
    }

    /**
     * Records the placed call. The phone is ringing by now, so a registry failure neither
     * compensates nor fails the placement: the client still learns the call's ids.
     */
    private Uni<PlacedCall> remember(ValidatedCall call, UltravoxCall created, TwilioCall phone) {
        Instant createdAt = created.created() != null ? created.created().toInstant() : Instant.now();
        return registry.put(new CallRecord(created.callId(), phone.sid(), call.agentId(), call.to(), call.from(),
                        createdAt))
                .onFailure().invoke(failure -> Log.errorf("Call %s (Twilio %s) placed but not recorded: %s",
                        created.callId(), phone.sid(), failure.toString()))
                .onFailure().recoverWithNull()
                .map(ignored -> {
                    Log.infof("Placed call %s for agent %s to %s via Twilio %s (%s)", created.callId(),
                            call.agentId(), PhoneMask.mask(call.to()), phone.sid(), phone.status());
                    return new PlacedCall(created.callId(), phone.sid(), call.agentId(), call.to(), call.from(),
                            phone.status(), createdAt.atOffset(ZoneOffset.UTC));
                });
    }

    private Uni<CallRecord> known(String callId) {
        return Uni.createFrom().deferred(() -> registry.find(callId))
                .map(found -> found.orElseThrow(() -> ApiProblemException.notFound("call", callId)));
    }

    private static UltravoxCallRequest ultravoxRequest(ValidatedCall call) {
        // Only the client's metadata is sent: phone numbers stay out of Ultravox's records.
        return new UltravoxCallRequest(TWILIO_MEDIUM, call.templateContext(),
                call.metadata().isEmpty() ? null : call.metadata(),
                call.maxDurationSeconds() == null ? null : call.maxDurationSeconds() + "s",
                call.recordingEnabled());
    }

    private static ApiProblemException unusableJoinUrl(Throwable failure) {
        return new ApiProblemException(502, "upstream-bad-response", "Bad Gateway",
                "Ultravox returned a join URL Twilio cannot use: " + failure.getMessage() + ".");
    }
}
