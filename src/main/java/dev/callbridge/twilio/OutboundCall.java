package dev.callbridge.twilio;

import java.net.URI;
import java.util.Optional;

/**
 * What Twilio needs to place one call. Holds phone numbers: never log it as a whole.
 *
 * @param to               E.164 callee
 * @param from             E.164 caller id
 * @param fromIsConfigured true when {@code from} is the server's {@code TWILIO_PHONE_NUMBER}
 *                         rather than the client's choice; a refusal of it is then a server fault
 * @param twiml            inline TwiML the call executes once answered; null when {@code answerUrl} is given
 * @param ringTimeoutSeconds how long to let it ring, empty for Twilio's default (60 s)
 * @param answerUrl        where Twilio fetches the TwiML once the call is answered (POST), instead of
 *                         {@code twiml}; null for inline TwiML
 * @param machineDetectionCallback where Twilio posts its asynchronous answering-machine detection result;
 *                         null for no detection
 * @param awaitBeep        whether detection waits for the end of a machine's greeting (to leave a message
 *                         after the beep) rather than report a machine as soon as it is recognised
 */
public record OutboundCall(String to, String from, boolean fromIsConfigured, String twiml,
        Optional<Integer> ringTimeoutSeconds, URI answerUrl, URI machineDetectionCallback, boolean awaitBeep) {

    public OutboundCall {
        if ((twiml == null) == (answerUrl == null)) {
            throw new IllegalArgumentException("A call needs inline TwiML or an answer URL, not both");
        }
    }

    /** A call with inline TwiML and no machine detection. */
    public OutboundCall(String to, String from, boolean fromIsConfigured, String twiml,
            Optional<Integer> ringTimeoutSeconds) {
        this(to, from, fromIsConfigured, twiml, ringTimeoutSeconds, null, null, false);
    }

    @Override
    public String toString() {
        return "OutboundCall[fromIsConfigured=" + fromIsConfigured + "]";
    }
}
