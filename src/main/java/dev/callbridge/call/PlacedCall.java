package dev.callbridge.call;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The {@code 201} answer to a call placement.
 *
 * @param placementId   Callbridge's id of the placement
 * @param callId        the Ultravox call id; null for an {@code on-answer} placement, whose agent
 *                      call is made when the callee answers
 * @param twilioCallSid Twilio's {@code CA...} SID of the phone leg
 * @param status        Twilio's status at creation, usually {@code queued}
 *
 * <p>The Ultravox join URL is not part of it: it is a bearer credential for the call's media,
 * already handed to Twilio, and the client has no use for it.
 */
@Schema(name = "PlacedCall", description = "A call Twilio has accepted.")
public record PlacedCall(
        @Schema(required = true, description = "Callbridge's id of the placement; use it (or the callId) in "
                + "/api/v1/calls/{id}", examples = "3f1c2b9e-5a7d-4e21-9c3b-8d6f0a1e2b4c")
        String placementId,
        @Schema(nullable = true, description = "Ultravox's id of the agent call; null for connectMode `on-answer` "
                + "until the callee answers (then see /api/v1/calls/{placementId})")
        String callId,
        @Schema(required = true, description = "Twilio's SID of the phone leg", examples = "CA5f2d0c7e9b1a4e3d8c6b5a4f3e2d1c0b")
        String twilioCallSid,
        @Schema(required = true)
        String agentId,
        @Schema(required = true, examples = "+14155552671")
        String to,
        @Schema(required = true, examples = "+14155550100")
        String from,
        @Schema(required = true, description = "Twilio's status at creation, usually `queued`", examples = "queued")
        String status,
        @Schema(required = true, implementation = String.class, format = "date-time")
        OffsetDateTime createdAt,
        @Schema(required = true, enumeration = {"inline", "parallel", "on-answer"}, description = "How the agent and "
                + "the phone are connected")
        String connectMode) {

    /** The answer for a dialled placement: its ids, numbers, Twilio's status then, and creation time. */
    static PlacedCall of(CallPlacement dialed) {
        return new PlacedCall(dialed.placementId(), dialed.callId(), dialed.twilioCallSid(), dialed.agentId(),
                dialed.to(), dialed.from(), dialed.twilioStatus(), dialed.createdAt().atOffset(ZoneOffset.UTC),
                dialed.connection().mode().wire());
    }

    @Override
    public String toString() {
        return "PlacedCall[callId=" + callId + ", twilioCallSid=" + twilioCallSid + ", status=" + status + "]";
    }
}
