package dev.callbridge.twilio;

import java.util.Optional;

/**
 * What Twilio needs to place one call. Holds phone numbers: never log it as a whole.
 *
 * @param to               E.164 callee
 * @param from             E.164 caller id
 * @param fromIsConfigured true when {@code from} is the server's {@code TWILIO_PHONE_NUMBER}
 *                         rather than the client's choice; a refusal of it is then a server fault
 * @param twiml            inline TwiML the call executes once answered
 * @param ringTimeoutSeconds how long to let it ring, empty for Twilio's default (60 s)
 */
public record OutboundCall(String to, String from, boolean fromIsConfigured, String twiml,
        Optional<Integer> ringTimeoutSeconds) {

    @Override
    public String toString() {
        return "OutboundCall[fromIsConfigured=" + fromIsConfigured + "]";
    }
}
