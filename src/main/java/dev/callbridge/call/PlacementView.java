package dev.callbridge.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The ledger's view of one placement, as {@code GET /api/v1/calls} lists it and
 * {@code GET /api/v1/calls/{callId}} shows it under {@code placement}: no vendor is asked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Placement", description = "A call placement as the ledger records it: its steps, ids and outcome.")
public record PlacementView(
        @Schema(required = true, description = "Callbridge's id of the placement; answers /api/v1/calls/{id} "
                + "like the callId, also when the placement failed before Ultravox created a call")
        String placementId,
        @Schema(description = "Ultravox's call id, once Ultravox created the call")
        String callId,
        @Schema(description = "Twilio's SID of the phone leg, once Twilio accepted the call")
        String twilioCallSid,
        @Schema(required = true, enumeration = {"outbound", "inbound"}, description = "`outbound`: Callbridge "
                + "placed the call; `inbound`: a caller dialled a routed number (`to`) and the agent answered. For an "
                + "inbound call the `dialed` step is when Callbridge answered Twilio with the agent's stream")
        String direction,
        @Schema(required = true)
        String agentId,
        @Schema(required = true, examples = "+14155552671", description = "The called number (for an inbound call, "
                + "the routed number)")
        String to,
        @Schema(required = true, examples = "+14155550100")
        String from,
        @Schema(required = true, enumeration = {"accepted", "ultravox_created", "dialing", "dialed", "failed",
                "compensated"}, description = "The latest step the placement reached")
        String state,
        @Schema(description = "Twilio's status as the ledger knows it: the one Twilio accepted the call with, then the "
                + "latest its status callbacks reported (never moved back from a final status); the live status is "
                + "in GET /api/v1/calls/{id}",
                examples = "queued")
        String twilioStatus,
        @Schema(required = true, implementation = String.class, format = "date-time",
                description = "When the placement was accepted")
        OffsetDateTime acceptedAt,
        @Schema(required = true, description = "Every step reached, in order, with its time")
        List<Step> steps,
        @Schema(description = "Why the placement failed, for `failed` and `compensated`")
        Error error,
        @Schema(required = true, enumeration = {"inline", "parallel", "on-answer"},
                description = "How the agent and the phone leg were brought together (the request's `connectMode`)")
        String connectMode,
        @Schema(required = true, enumeration = {"off", "hang-up", "leave-message"},
                description = "What a machine or fax answering gets (the request's `machineDetection`)")
        String machineDetection,
        @Schema(examples = "machine_end_beep", description = "Who answered, by Twilio's answering-machine "
                + "detection: its first result, kept as Twilio sent it (`human`, `machine_end_beep`, "
                + "`machine_end_silence`, `machine_end_other`, `fax` or `unknown`; a value Twilio adds later is "
                + "passed on as sent). Absent when detection is `off` or has not reported (yet)")
        String answeredBy) {

    /** One pipeline step and when it was reached. */
    @Schema(name = "PlacementStep", description = "A pipeline step and when the placement reached it.")
    public record Step(
            @Schema(required = true, examples = "dialed") String state,
            @Schema(required = true, implementation = String.class, format = "date-time") OffsetDateTime at) {
    }

    /** What the client was answered when the placement failed. */
    @Schema(name = "PlacementError", description = "The problem the placement ended with: its kind (the last "
            + "segment of the problem type) and HTTP status.")
    public record Error(
            @Schema(required = true, examples = "upstream-error") String kind,
            @Schema(required = true, examples = "502") int status) {
    }

    static PlacementView of(CallPlacement placement) {
        List<Step> steps = placement.steps().entrySet().stream()
                .map(step -> new Step(step.getKey().wire(), step.getValue().atOffset(ZoneOffset.UTC))).toList();
        CallPlacement.Failure failure = placement.error();
        return new PlacementView(placement.placementId(), placement.callId(), placement.twilioCallSid(),
                placement.direction().wire(), placement.agentId(), placement.to(), placement.from(), placement.state().wire(),
                placement.twilioStatus(), placement.acceptedAt().atOffset(ZoneOffset.UTC), steps,
                failure == null ? null : new Error(failure.kind(), failure.status()),
                placement.connection().mode().wire(), placement.connection().machineDetection().wire(),
                placement.connection().answeredBy());
    }
}
