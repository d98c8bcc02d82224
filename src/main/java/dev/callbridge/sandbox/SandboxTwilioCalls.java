package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The simulated Twilio's calls and their lifecycle: queued, then (in simulated seconds)
 * ringing after 1, in-progress 2 later, completed after 6 of talk. On answer, the call's
 * TwiML stream joins the Ultravox call behind its joinUrl; when the Twilio call ends, so does
 * that Ultravox call. A call created with {@code Url} fetches its TwiML on answer, as Twilio does,
 * and plays it like an inbound call's answer (below). Magic destination numbers change the course
 * ({@link MagicNumbers}), among them an answering machine and a fax ({@link SimulatedCallee}),
 * which answering-machine detection tells apart from a person. An in-progress call can be
 * redirected to new TwiML ({@link #redirect}).
 *
 * <p>An inbound call ({@link #ring}) starts ringing at once and sends its voice webhook
 * ({@link VoiceWebhooks}); the TwiML answer decides the rest: a stream talks as above, a
 * {@code <Say>} plays for {@value #SAY_TALK} simulated seconds (then a {@code <Dial>} talks
 * {@value #TALK} with its number), a failed webhook plays Twilio's application error for
 * {@value #APPLICATION_ERROR_TALK}. It reports only {@code completed}, as an inbound number does.
 */
@ApplicationScoped
class SandboxTwilioCalls {

    static final double DIAL_AFTER = 1;
    static final double ANSWER_AFTER = 2;
    static final double BUSY_AFTER = 1;
    static final double TALK = 6;
    /** A stream whose URL leads to no Ultravox call drops at once, and so does the call. */
    static final double DEAD_STREAM_TALK = 1;
    /** How long an inbound call's {@code <Say>} plays. */
    static final double SAY_TALK = 2;
    /** How long Twilio's application error message plays before it hangs up. */
    static final double APPLICATION_ERROR_TALK = 2;

    private final Map<String, SimulatedTwilioCall> bySid = new LinkedHashMap<>();
    private final SandboxClock clock;
    private final SandboxUltravoxCalls ultravox;
    private final StatusCallbacks callbacks;
    private final VoiceWebhooks voiceWebhooks;
    private final int maxConcurrent;
    private final int maxRecords;
    private final SandboxConfig.Callee calleeTimes;
    private long lastSeq;
    /**
     * Per instance, never static: Quarkus initialises classes while it builds a native image,
     * and native-image refuses a Random in the image heap (its seed would be fixed at build time).
     */
    private final SecureRandom random = new SecureRandom();

    SandboxTwilioCalls(SandboxConfig config, SandboxClock clock, SandboxUltravoxCalls ultravox,
            StatusCallbacks callbacks, VoiceWebhooks voiceWebhooks) {
        this.clock = clock;
        this.ultravox = ultravox;
        this.callbacks = callbacks;
        this.voiceWebhooks = voiceWebhooks;
        this.maxConcurrent = config.maxConcurrentCalls();
        this.maxRecords = config.maxRecords();
        this.calleeTimes = config.callee();
    }

    /** A queued call, or empty when the concurrency limit (or memory bound) is reached. */
    Optional<SimulatedTwilioCall> create(String accountSid, String to, String from, SimulatedTwilioCall.Options options) {
        Optional<SimulatedTwilioCall> call = add(seq -> new SimulatedTwilioCall(seq, newSid(), accountSid, to, from,
                clock.now(), options));
        call.ifPresent(created -> created.schedules(clock.after(DIAL_AFTER, () -> dial(created))));
        return call;
    }

    /**
     * Rings with an inbound call from {@code from} to {@code to} and sends its voice webhook;
     * empty when the concurrency limit (or memory bound) is reached.
     *
     * @param statusCallback where its {@code completed} callback goes
     * @return the call as it was created, still ringing: read before the webhook goes out, which
     *         may be answered before the caller of this method looks
     */
    Optional<ObjectNode> ring(String accountSid, String to, String from, String statusCallback,
            IncomingCall incoming) {
        MagicNumbers.Behaviour behaviour = MagicNumbers.TALKS_UNTIL_HUNG_UP.equals(from)
                ? MagicNumbers.Behaviour.TALKS_UNTIL_HUNG_UP : MagicNumbers.Behaviour.ANSWERS;
        SimulatedTwilioCall.Options options = new SimulatedTwilioCall.Options(statusCallback, "POST", Set.of(),
                0, null, null, null, behaviour, null);
        Optional<SimulatedTwilioCall> call = add(seq -> {
            SimulatedTwilioCall created = new SimulatedTwilioCall(seq, newSid(), accountSid, to, from, clock.now(),
                    options, incoming);
            created.move(Set.of("queued"), "ringing", clock.now(), null);
            return created;
        });
        Optional<ObjectNode> created = call.map(SimulatedTwilioCall::toJson);
        call.ifPresent(ringing -> voiceWebhooks.send(ringing).thenAccept(answer -> pickUp(ringing, answer))
                .exceptionally(failure -> {
                    Log.error("The sandbox could not play an inbound call's answer", failure);
                    return null;
                }));
        return created;
    }

    /** Adds the call {@code newCall} makes of the next sequence number, unless a bound is reached. */
    private Optional<SimulatedTwilioCall> add(LongFunction<SimulatedTwilioCall> newCall) {
        synchronized (this) {
            long active = bySid.values().stream().filter(SimulatedTwilioCall::active).count();
            if (active >= maxConcurrent || (bySid.size() >= maxRecords && !evictOldestEnded())) {
                return Optional.empty();
            }
            SimulatedTwilioCall call = newCall.apply(++lastSeq);
            bySid.put(call.sid(), call);
            return Optional.of(call);
        }
    }

    synchronized Optional<SimulatedTwilioCall> get(String sid) {
        return Optional.ofNullable(bySid.get(sid));
    }

    /** The calls {@code filter} accepts, oldest first. */
    List<SimulatedTwilioCall> matching(Predicate<SimulatedTwilioCall> filter) {
        List<SimulatedTwilioCall> all;
        synchronized (this) {
            all = List.copyOf(bySid.values());
        }
        // Filtered outside this lock: each call has its own.
        return all.stream().filter(filter).toList();
    }

    /**
     * Applies {@code Status=completed|canceled}: a queued or ringing call is canceled (silently
     * while queued, as on Twilio), an in-progress call ends only on {@code completed}, and an
     * ended call stays as it is.
     */
    void hangUp(SimulatedTwilioCall call, String requested) {
        if (call.move(Set.of("queued"), "canceled", clock.now(), null)) {
            return;
        }
        if (call.move(Set.of("ringing"), "canceled", clock.now(), null)) {
            report(call, "completed", "canceled");
        } else if (requested.equals("completed")) {
            complete(call, clock.simulatedSecondsSince(answeredAtOrNow(call)), "hangup");
        }
    }

    private void dial(SimulatedTwilioCall call) {
        if (!call.move(Set.of("queued"), "ringing", clock.now(), null)) {
            return;
        }
        report(call, "initiated", "initiated");
        report(call, "ringing", "ringing");
        call.schedules(switch (call.options().behaviour()) {
            case BUSY -> clock.after(BUSY_AFTER, () -> endUnanswered(call, "busy"));
            case NEVER_ANSWERS -> clock.after(call.options().timeoutSeconds(), () -> endUnanswered(call, "no-answer"));
            default -> clock.after(ANSWER_AFTER, () -> answer(call));
        });
    }

    /**
     * The callee picked up. A machine or a fax will hang up by itself in time; with detection the
     * call's instructions start at once ({@code AsyncAmd=true}) or once the result is in.
     */
    private void answer(SimulatedTwilioCall call) {
        if (!call.move(Set.of("ringing"), "in-progress", clock.now(), null)) {
            return;
        }
        report(call, "answered", "in-progress");
        MagicNumbers.Behaviour callee = call.options().behaviour();
        SimulatedCallee.hangsUpAfter(callee, calleeTimes).ifPresent(
                after -> call.schedules(clock.after(after, () -> complete(call, Math.round(after), "hangup"))));
        if (callee == MagicNumbers.Behaviour.ANSWERING_MACHINE) {
            call.schedules(clock.after(SimulatedCallee.BEEP_AFTER, () -> {
                if (call.active()) {
                    call.hearing().beeped();
                }
            }));
        }
        MachineDetection detection = call.options().detection();
        if (detection == null || detection.async()) {
            start(call, 0);
        }
        if (detection != null) {
            SimulatedCallee.Detection result = SimulatedCallee.detect(callee, detection);
            call.schedules(clock.after(result.afterSeconds(), () -> detected(call, result)));
        }
    }

    /**
     * Detection told who answered: unless the call ended first (then, as the sandbox reads
     * Twilio, no result is sent), the result is kept, then sent to {@code AsyncAmdStatusCallback}
     * or, synchronously, the call's instructions start now.
     */
    private void detected(SimulatedTwilioCall call, SimulatedCallee.Detection result) {
        if (!call.detected(result)) {
            return;
        }
        MachineDetection detection = call.options().detection();
        if (!detection.async()) {
            start(call, result.afterSeconds());
        } else if (detection.callback() != null) {
            callbacks.sendDetection(call);
        }
    }

    /**
     * Starts the call's own instructions {@code offset} simulated seconds after the answer: its
     * inline stream, or the TwiML its {@code Url} answers (fetched now, as Twilio does). A call
     * redirected meanwhile (while synchronous detection listened) plays the redirect's TwiML instead.
     */
    private void start(SimulatedTwilioCall call, double offset) {
        OptionalInt first = call.firstInstructions();
        if (first.isEmpty()) {
            return;
        }
        int turn = first.getAsInt();
        String voiceUrl = call.options().voiceUrl();
        if (voiceUrl == null) {
            stream(call, call.options().streamUrl(), offset, turn);
            return;
        }
        fetchAndPlay(call, voiceUrl, offset, turn);
    }

    /**
     * Redirects an in-progress call to {@code instructions}, or to the TwiML {@code url} answers:
     * what it played stops (a stream closes, which ends its agent call) and the new TwiML plays
     * from now. Returns false when the call is not in progress.
     */
    boolean redirect(SimulatedTwilioCall call, TwimlReader.Instructions instructions, String url) {
        if (!"in-progress".equals(call.status())) {
            return false;
        }
        int turn = call.nextInstructions();
        double offset = clock.simulatedSecondsSinceExactly(answeredAtOrNow(call));
        SimulatedUltravoxCall agentCall = call.agentCall();
        if (agentCall != null) {
            ultravox.end(agentCall, "hangup");
        }
        if (url != null) {
            fetchAndPlay(call, url, offset, turn);
        } else {
            play(call, instructions, offset, turn);
        }
        return true;
    }

    private void fetchAndPlay(SimulatedTwilioCall call, String url, double offset, int turn) {
        voiceWebhooks.send(url, call.webhookParams()).thenAccept(answer -> play(call, answer.instructions(), offset, turn))
                .exceptionally(failure -> {
                    Log.error("The sandbox could not play an answered call's TwiML", failure);
                    return null;
                });
    }

    /** Plays the answer to an inbound call's webhook, unless the call was hung up meanwhile. */
    private void pickUp(SimulatedTwilioCall call, VoiceWebhooks.Answer answer) {
        IncomingCall incoming = call.incoming();
        if (answer.isFailed()) {
            incoming.failed(answer.status(), answer.errorCode(), answer.errorMessage());
        } else {
            incoming.answered(answer.status(), answer.instructions());
        }
        if (!call.move(Set.of("ringing"), "in-progress", clock.now(), null)) {
            return;
        }
        report(call, "answered", "in-progress");
        play(call, answer.instructions(), 0, call.nextInstructions());
    }

    /**
     * Plays the TwiML an answered call got, {@code offset} simulated seconds after the answer:
     * its stream talks, a {@code <Say>} (and {@code <Dial>}) plays, and TwiML that could not be
     * had ({@code null}) is Twilio's application error; when it is over, the call ends. A call
     * hung up or redirected meanwhile stays as it is.
     */
    private void play(SimulatedTwilioCall call, TwimlReader.Instructions instructions, double offset, int turn) {
        if (!call.active() || !call.plays(turn)) {
            return;
        }
        call.hearing().played(instructions, call.options().behaviour() == MagicNumbers.Behaviour.ANSWERING_MACHINE
                && offset >= SimulatedCallee.BEEP_AFTER);
        if (instructions != null && instructions.streamUrl() != null) {
            stream(call, instructions.streamUrl(), offset, turn);
            return;
        }
        double talk = instructions == null ? APPLICATION_ERROR_TALK
                : (instructions.say() == null ? 0 : SAY_TALK) + (instructions.dial() == null ? 0 : TALK);
        long seconds = Math.round(offset + talk);
        call.turnEndsWith(turn, clock.after(talk, () -> over(call, turn, seconds, "hangup")));
    }

    /**
     * Connects the answered call's media stream to the Ultravox call behind {@code streamUrl} and
     * lets it talk: a person hangs up after {@value #TALK} simulated seconds; a callee that stays
     * on the line talks until it, the agent call's {@code maxDuration} or {@code TimeLimit} ends it.
     */
    private void stream(SimulatedTwilioCall call, String streamUrl, double offset, int turn) {
        Optional<Optional<SimulatedUltravoxCall>> playing = call.joinIfPlaying(turn,
                () -> ultravox.joinByUrl(streamUrl, call.sid(), call.accountSid()));
        if (playing.isEmpty()) {
            return;
        }
        Optional<SimulatedUltravoxCall> agentCall = playing.get();
        double talk = agentCall.isEmpty() ? DEAD_STREAM_TALK
                : SimulatedCallee.staysOnTheLine(call.options().behaviour()) ? Double.POSITIVE_INFINITY : TALK;
        String reason = "hangup";
        if (agentCall.isPresent() && agentCall.get().maxDurationSeconds() < talk) {
            talk = agentCall.get().maxDurationSeconds();
            reason = "timeout";
        }
        Integer limit = call.options().timeLimitSeconds();
        if (limit != null && limit - offset < talk) {
            talk = Math.max(0, limit - offset);
            reason = "hangup";
        }
        if (talk == Double.POSITIVE_INFINITY) {
            // Only the callee itself (its own timer), a hang-up or a redirect ends this stream:
            // no step is scheduled for "never", which would stay queued and hold the call.
            return;
        }
        long seconds = Math.round(offset + talk);
        String endReason = reason;
        call.turnEndsWith(turn, clock.after(talk, () -> over(call, turn, seconds, endReason)));
    }

    /** The instructions of {@code turn} are over: the call ends, unless newer ones play. */
    private void over(SimulatedTwilioCall call, int turn, long talkSeconds, String agentEndReason) {
        if (call.plays(turn)) {
            complete(call, talkSeconds, agentEndReason);
        }
    }

    private void complete(SimulatedTwilioCall call, long talkSeconds, String agentEndReason) {
        if (!call.move(Set.of("in-progress"), "completed", clock.now(), talkSeconds)) {
            return;
        }
        SimulatedUltravoxCall agentCall = call.agentCall();
        if (agentCall != null) {
            ultravox.end(agentCall, agentEndReason);
        }
        report(call, "completed", "completed");
    }

    private void endUnanswered(SimulatedTwilioCall call, String status) {
        if (call.move(Set.of("ringing"), status, clock.now(), null)) {
            report(call, "completed", status);
        }
    }

    private void report(SimulatedTwilioCall call, String event, String callStatus) {
        SimulatedTwilioCall.Options options = call.options();
        boolean wanted = options.events().isEmpty() ? event.equals("completed") : options.events().contains(event);
        if (options.statusCallback() != null && wanted) {
            callbacks.send(call, call.callbackParams(callStatus, clock.now()));
        }
    }

    private Instant answeredAtOrNow(SimulatedTwilioCall call) {
        Instant answered = call.answeredAt();
        return answered == null ? clock.now() : answered;
    }

    private boolean evictOldestEnded() {
        for (Iterator<SimulatedTwilioCall> it = bySid.values().iterator(); it.hasNext(); ) {
            if (!it.next().active()) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    private String newSid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "CA" + HexFormat.of().formatHex(bytes);
    }
}
