package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One simulated Twilio call. Its status only moves forward, under this object's lock, so a
 * lifecycle step that lost a race (the call was hung up meanwhile) simply does nothing.
 */
final class SimulatedTwilioCall {

    static final Set<String> TERMINAL = Set.of("completed", "busy", "failed", "no-answer", "canceled");

    /**
     * What the create request asked for.
     *
     * @param statusCallback       where status callbacks go, or null for none
     * @param events               the requested {@code StatusCallbackEvent}s; empty means {@code completed} only
     * @param timeLimitSeconds     longest talk time, or null for no limit
     * @param streamUrl            the {@code <Stream url>} of the TwiML, or null (Url / ApplicationSid)
     * @param voiceUrl             the {@code Url} whose TwiML is fetched when the call is answered, or null
     * @param detection            the answering-machine detection asked for, or null for none
     */
    record Options(String statusCallback, String statusCallbackMethod, Set<String> events, int timeoutSeconds,
            Integer timeLimitSeconds, String streamUrl, String voiceUrl, MagicNumbers.Behaviour behaviour,
            MachineDetection detection) {
    }

    private final long seq;
    private final String sid;
    private final String accountSid;
    private final String to;
    private final String from;
    private final Instant created;
    private final Options options;
    /** What the simulated Twilio knows of an inbound call; null for a call created through the API. */
    private final IncomingCall incoming;
    private String status = "queued";
    private Instant updated;
    private Instant startTime;
    private Instant answeredAt;
    private Instant endTime;
    private Long durationSeconds;
    private int nextSequence;
    private SimulatedUltravoxCall agentCall;
    /** Twilio's {@code AnsweredBy} once detection told it, else null. */
    private String answeredBy;
    private long machineDetectionMillis;
    /**
     * Counts the instructions the call was given: its first TwiML, then one per redirect. A
     * lifecycle step of older instructions (a stream's end, say) does nothing once newer ones play.
     */
    private int instructionsTurn;
    private final OutboundHearing hearing = new OutboundHearing();
    /** The call's scheduled lifecycle steps (dial, answer, the callee's own), called off when it ends. */
    private final List<SandboxClock.Step> steps = new ArrayList<>();
    /** The step that ends the playing instructions, called off by a redirect or the end of the call. */
    private SandboxClock.Step endOfTurn;

    SimulatedTwilioCall(long seq, String sid, String accountSid, String to, String from, Instant created,
            Options options) {
        this(seq, sid, accountSid, to, from, created, options, null);
    }

    SimulatedTwilioCall(long seq, String sid, String accountSid, String to, String from, Instant created,
            Options options, IncomingCall incoming) {
        this.seq = seq;
        this.sid = sid;
        this.accountSid = accountSid;
        this.to = to;
        this.from = from;
        this.created = created;
        this.updated = created;
        this.options = options;
        this.incoming = incoming;
    }

    /** Creation order among the simulator's calls: listings sort by it. */
    long seq() {
        return seq;
    }

    String sid() {
        return sid;
    }

    String accountSid() {
        return accountSid;
    }

    String to() {
        return to;
    }

    String from() {
        return from;
    }

    /** Always null: the simulator places no child legs. */
    String parentCallSid() {
        return null;
    }

    /** When Twilio started dialling; null while queued, and for a call canceled before that. */
    synchronized Instant startTime() {
        return startTime;
    }

    /** When the call ended; null while it lasts. */
    synchronized Instant endTime() {
        return endTime;
    }

    Options options() {
        return options;
    }

    /** The inbound side of the call, or null for a call created through the API. */
    IncomingCall incoming() {
        return incoming;
    }

    /** {@code inbound} for a call that rang a number, {@code outbound-api} for one created through the API. */
    String direction() {
        return incoming == null ? "outbound-api" : "inbound";
    }

    synchronized String status() {
        return status;
    }

    synchronized boolean active() {
        return !TERMINAL.contains(status);
    }

    synchronized Instant answeredAt() {
        return answeredAt;
    }

    synchronized SimulatedUltravoxCall agentCall() {
        return agentCall;
    }

    /** What the callee of a call created through the API heard. */
    OutboundHearing hearing() {
        return hearing;
    }

    synchronized String answeredBy() {
        return answeredBy;
    }

    /**
     * Records the detection result, once, while the call lasts; returns whether it was recorded
     * (false once the call ended or a result was already there).
     */
    synchronized boolean detected(SimulatedCallee.Detection detection) {
        if (TERMINAL.contains(status) || answeredBy != null) {
            return false;
        }
        answeredBy = detection.answeredBy();
        machineDetectionMillis = detection.durationMillis();
        return true;
    }

    /**
     * Takes the first turn, for the instructions the call was created with; empty when a redirect
     * took a turn first, whose TwiML then plays instead.
     */
    synchronized OptionalInt firstInstructions() {
        return instructionsTurn == 0 ? OptionalInt.of(++instructionsTurn) : OptionalInt.empty();
    }

    /**
     * A stream of {@code turn} joins the agent call {@code join} finds, and the call keeps it,
     * only while the call lasts and {@code turn} still plays. Under this call's lock, so a hang-up
     * or redirect either comes first (and nothing joins) or sees the agent call it must end.
     *
     * @return empty when the call ended or was redirected; else the agent call joined, if any
     */
    synchronized Optional<Optional<SimulatedUltravoxCall>> joinIfPlaying(int turn,
            Supplier<Optional<SimulatedUltravoxCall>> join) {
        if (TERMINAL.contains(status) || instructionsTurn != turn) {
            return Optional.empty();
        }
        Optional<SimulatedUltravoxCall> joined = join.get();
        joined.ifPresent(call -> agentCall = call);
        hearing.streamed();
        return Optional.of(joined);
    }

    /** Starts the call's next instructions, calling off the end of those that played; returns their turn. */
    synchronized int nextInstructions() {
        if (endOfTurn != null) {
            endOfTurn.cancel();
            endOfTurn = null;
        }
        return ++instructionsTurn;
    }

    /**
     * Keeps a scheduled step of this call's lifecycle, to call it off when the call ends, so the
     * clock's queue does not hold an ended call; one scheduled for an ended call is called off now.
     */
    synchronized void schedules(SandboxClock.Step step) {
        if (TERMINAL.contains(status)) {
            step.cancel();
        } else {
            steps.add(step);
        }
    }

    /**
     * Keeps the step that ends the instructions of {@code turn}; called off at once when the
     * call ended or {@code turn} no longer plays.
     */
    synchronized void turnEndsWith(int turn, SandboxClock.Step step) {
        if (TERMINAL.contains(status) || instructionsTurn != turn) {
            step.cancel();
            return;
        }
        if (endOfTurn != null) {
            endOfTurn.cancel();
        }
        endOfTurn = step;
    }

    /** Whether {@code turn} is still what the call plays (no redirect came since). */
    synchronized boolean plays(int turn) {
        return instructionsTurn == turn;
    }

    /**
     * Moves to {@code next} if the call is in one of {@code expected}; returns whether it moved.
     *
     * @param duration talk seconds, recorded when {@code next} is terminal (null if never answered)
     */
    synchronized boolean move(Set<String> expected, String next, Instant at, Long duration) {
        if (!expected.contains(status)) {
            return false;
        }
        status = next;
        updated = at;
        if (next.equals("ringing")) {
            startTime = at;
        } else if (next.equals("in-progress")) {
            answeredAt = at;
        } else if (TERMINAL.contains(next)) {
            endTime = at;
            durationSeconds = duration;
            steps.forEach(SandboxClock.Step::cancel);
            steps.clear();
            if (endOfTurn != null) {
                endOfTurn.cancel();
                endOfTurn = null;
            }
        }
        return true;
    }

    /** Form parameters of a status callback reporting {@code callStatus}, in Twilio's names. */
    synchronized Map<String, String> callbackParams(String callStatus, Instant at) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", sid);
        p.put("CallStatus", callStatus);
        p.put("Called", to);
        p.put("Caller", from);
        p.put("CallbackSource", "call-progress-events");
        p.put("Direction", direction());
        p.put("From", from);
        p.put("SequenceNumber", Integer.toString(nextSequence++));
        p.put("Timestamp", TwilioTimes.format(at));
        p.put("To", to);
        if (incoming != null) {
            incoming.location().addTo(p);
        }
        if (answeredBy != null) {
            p.put("AnsweredBy", answeredBy);
        }
        if (TERMINAL.contains(callStatus)) {
            p.put("SipResponseCode", sipCode(callStatus));
            if (durationSeconds != null) {
                p.put("CallDuration", Long.toString(durationSeconds));
                p.put("Duration", Long.toString((durationSeconds + 59) / 60));
            }
        }
        return p;
    }

    /**
     * Form parameters of a request for the call's TwiML, in Twilio's names: an inbound call's voice
     * webhook ({@code CallStatus=ringing}), or the {@code Url} of a created call once answered
     * ({@code CallStatus=in-progress}).
     */
    synchronized Map<String, String> webhookParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("ApiVersion", "2010-04-01");
        p.put("CallSid", sid);
        p.put("CallStatus", status);
        p.put("Called", to);
        p.put("Caller", from);
        p.put("Direction", direction());
        p.put("From", from);
        p.put("To", to);
        if (incoming != null) {
            incoming.location().addTo(p);
        }
        if (answeredBy != null) {
            p.put("AnsweredBy", answeredBy);
        }
        return p;
    }

    /** Form parameters of the asynchronous detection result, as Twilio posts it to {@code AsyncAmdStatusCallback}. */
    synchronized Map<String, String> detectionParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("AccountSid", accountSid);
        p.put("AnsweredBy", answeredBy);
        p.put("CallSid", sid);
        p.put("MachineDetectionDuration", Long.toString(machineDetectionMillis));
        return p;
    }

    /** The call as Twilio's REST API shows it (snake_case, RFC 2822 dates). */
    synchronized ObjectNode toJson() {
        String uri = "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid;
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sid", sid);
        json.put("account_sid", accountSid);
        json.putNull("parent_call_sid");
        json.put("date_created", TwilioTimes.format(created));
        json.put("date_updated", TwilioTimes.format(updated));
        json.put("to", to);
        json.put("to_formatted", PhoneNumbers.formatted(to));
        json.put("from", from);
        json.put("from_formatted", PhoneNumbers.formatted(from));
        json.putNull("phone_number_sid");
        json.put("status", status);
        json.put("start_time", TwilioTimes.format(startTime));
        json.put("end_time", TwilioTimes.format(endTime));
        json.put("duration", durationSeconds == null ? null : Long.toString(durationSeconds));
        json.put("price", durationSeconds == null ? null : "-0.0000");
        json.put("price_unit", "USD");
        json.put("direction", direction());
        json.put("answered_by", answeredBy);
        json.put("api_version", "2010-04-01");
        for (String field : new String[] {"forwarded_from", "group_sid", "caller_name", "trunk_sid"}) {
            json.putNull(field);
        }
        json.put("queue_time", "0");
        json.put("uri", uri + ".json");
        ObjectNode sub = json.putObject("subresource_uris");
        for (String name : new String[] {"recordings", "events", "streams", "notifications"}) {
            sub.put(name, uri + "/" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".json");
        }
        return json;
    }

    private static String sipCode(String status) {
        return switch (status) {
            case "busy" -> "486";
            case "no-answer", "canceled" -> "487";
            case "failed" -> "404";
            default -> "200";
        };
    }
}
