package dev.callbridge.call;

import java.time.Instant;

/**
 * What Callbridge remembers about a call it placed: the link between the Ultravox call id
 * (the client's id of the call) and the Twilio SID.
 */
public record CallRecord(String callId, String twilioCallSid, String agentId, String to, String from,
        Instant createdAt) {

    @Override
    public String toString() {
        return "CallRecord[callId=" + callId + ", twilioCallSid=" + twilioCallSid + ", agentId=" + agentId + "]";
    }
}
