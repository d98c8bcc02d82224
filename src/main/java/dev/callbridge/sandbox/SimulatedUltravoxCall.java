package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One simulated Ultravox call: fixed settings plus the lifecycle (joined, ended, endReason),
 * which changes under this object's lock and only forwards (created, joined, ended).
 */
final class SimulatedUltravoxCall {

    /** Prefix of every sandbox joinUrl; the {@code .invalid} top-level domain never resolves. */
    static final String JOIN_URL_PREFIX = "wss://sandbox.callbridge.invalid/calls/";

    private final long seq;
    private final String callId;
    private final Instant created;
    private final ObjectNode settings;
    private final double joinTimeoutSeconds;
    private final double maxDurationSeconds;
    private final Map<String, String> metadata;
    private Instant joined;
    private Instant ended;
    private String endReason;
    /** The data messages the call was sent while active (their JSON), the first {@link #MOST_DATA_MESSAGES}. */
    private final List<String> dataMessages = new ArrayList<>();

    /** Data messages kept per call: enough for any test, bounded for a client that sends forever. */
    static final int MOST_DATA_MESSAGES = 100;

    SimulatedUltravoxCall(long seq, String callId, Instant created, ObjectNode settings, double joinTimeoutSeconds,
            double maxDurationSeconds, Map<String, String> metadata) {
        this.seq = seq;
        this.callId = callId;
        this.created = created;
        this.settings = settings;
        this.joinTimeoutSeconds = joinTimeoutSeconds;
        this.maxDurationSeconds = maxDurationSeconds;
        this.metadata = new LinkedHashMap<>(metadata);
    }

    /** Creation order among the simulator's calls: listings sort by it. */
    long seq() {
        return seq;
    }

    String callId() {
        return callId;
    }

    /** The agent the call was created from (every sandbox call has one). */
    String agentId() {
        return settings.path("agentId").asText(null);
    }

    String joinUrl() {
        return JOIN_URL_PREFIX + callId;
    }

    double joinTimeoutSeconds() {
        return joinTimeoutSeconds;
    }

    double maxDurationSeconds() {
        return maxDurationSeconds;
    }

    Instant created() {
        return created;
    }

    /** The metadata value under {@code key}, Ultravox's own keys included; null when absent. */
    synchronized String metadata(String key) {
        return metadata.get(key);
    }

    synchronized boolean active() {
        return ended == null;
    }

    /** A media client connected; false when the call had already been joined or ended. */
    synchronized boolean join(Instant at, String twilioCallSid, String twilioAccountSid) {
        if (joined != null || ended != null) {
            return false;
        }
        joined = at;
        metadata.put("ultravox.twilio.call_sid", twilioCallSid);
        metadata.put("ultravox.twilio.account_sid", twilioAccountSid);
        return true;
    }

    /** Whether a media client joined and the call has not ended: only then does it take data messages. */
    synchronized boolean talking() {
        return joined != null && ended == null;
    }

    /** Keeps a data message the call took. */
    synchronized void took(String dataMessage) {
        if (dataMessages.size() < MOST_DATA_MESSAGES) {
            dataMessages.add(dataMessage);
        }
    }

    /** The data messages the call took, oldest first. */
    synchronized List<String> dataMessages() {
        return List.copyOf(dataMessages);
    }

    /** Ends the call unless it already ended. */
    synchronized boolean end(Instant at, String reason) {
        if (ended != null) {
            return false;
        }
        ended = at;
        endReason = reason;
        return true;
    }

    /** Ends the call as {@code unjoined} if no media client joined in time. */
    synchronized boolean endIfUnjoined(Instant at) {
        return joined == null && end(at, "unjoined");
    }

    /** The call as Ultravox's API shows it; {@code billedSeconds} is the simulated talk time. */
    synchronized ObjectNode toJson(long billedSeconds) {
        ObjectNode json = settings.deepCopy();
        json.put("callId", callId);
        json.put("created", UltravoxTimes.format(created));
        json.put("joined", UltravoxTimes.format(joined));
        json.put("ended", UltravoxTimes.format(ended));
        json.put("endReason", endReason);
        json.put("joinUrl", joinUrl());
        boolean talked = joined != null && ended != null;
        json.put("billedDuration", ended == null ? null : UltravoxTimes.duration(talked ? billedSeconds : 0));
        // Required by the schema, nullable; the simulator bills by duration only.
        json.putNull("billedSideInputTokens");
        json.putNull("billedSideOutputTokens");
        json.put("billingStatus", ended == null ? "BILLING_STATUS_PENDING"
                : talked ? "BILLING_STATUS_BILLED" : "BILLING_STATUS_FREE_ZERO_EFFECTIVE_DURATION");
        json.put("shortSummary", ended == null ? null : summary(talked));
        json.put("summary", ended == null ? null : summary(talked)
                + " This is a simulated call: no audio was exchanged.");
        ObjectNode meta = json.putObject("metadata");
        metadata.forEach(meta::put);
        return json;
    }

    synchronized Duration talkTime() {
        return joined == null || ended == null ? Duration.ZERO : Duration.between(joined, ended);
    }

    private String summary(boolean talked) {
        return talked ? "The sandbox callee talked with the agent, then the call ended (" + endReason + ")."
                : "Nobody joined the call (" + endReason + ").";
    }
}
