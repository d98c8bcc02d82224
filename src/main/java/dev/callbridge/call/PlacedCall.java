package dev.callbridge.call;

import java.time.OffsetDateTime;

/**
 * The {@code 201} answer to a call placement.
 *
 * @param callId        the Ultravox call id; Callbridge's id of the call
 * @param twilioCallSid Twilio's {@code CA...} SID of the phone leg
 * @param status        Twilio's status at creation, usually {@code queued}
 *
 * <p>The Ultravox join URL is not part of it: it is a bearer credential for the call's media,
 * already handed to Twilio, and the client has no use for it.
 */
public record PlacedCall(
        String callId,
        String twilioCallSid,
        String agentId,
        String to,
        String from,
        String status,
        OffsetDateTime createdAt) {

    @Override
    public String toString() {
        return "PlacedCall[callId=" + callId + ", twilioCallSid=" + twilioCallSid + ", status=" + status + "]";
    }
}
