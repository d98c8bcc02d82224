package dev.callbridge.webhook;

import dev.callbridge.call.AnsweredBy;
import java.util.Map;

/**
 * The fields of Twilio's asynchronous answering-machine detection callback that Callbridge reads,
 * checked: the call, who answered and how long detection took. The numbers Twilio also sends are
 * ignored.
 *
 * @param callSid         Twilio's {@code CallSid}
 * @param answeredBy      Twilio's {@code AnsweredBy}: one of {@link AnsweredBy#TWILIO_VALUES}, or a word of the
 *                        same shape Twilio may add, kept as sent and acted on as {@link AnsweredBy#UNKNOWN}
 * @param durationMillis  Twilio's {@code MachineDetectionDuration}, or null when it sent none
 */
record MachineDetectionCallback(String callSid, String answeredBy, Integer durationMillis) {

    /** Checks and reads the callback's fields; a missing or malformed one is a 400. */
    static MachineDetectionCallback from(Map<String, String> form) {
        String callSid = StatusCallback.callSid(form);
        String answeredBy = StatusCallback.token(form, "AnsweredBy", true);
        return new MachineDetectionCallback(callSid, answeredBy,
                CallbackForm.wholeNumber(form, "MachineDetectionDuration", "milliseconds"));
    }
}
