package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the callee of a call created through the API heard: whether a stream talked to it, each
 * {@code <Say>} in the order played (also after a redirect), the dialled number, and for an
 * answering machine whether its beep came while the call lasted and which {@code <Say>} texts it
 * recorded: those that started after the beep. Each list keeps the first {@value #MAX_TEXTS}
 * texts, and {@code truncated} tells that later ones were dropped, so a long call redirected
 * over and over does not grow the sandbox's memory.
 * Never holds the stream URL, which is a credential.
 */
final class OutboundHearing {

    static final int MAX_TEXTS = 100;

    private boolean stream;
    private final List<String> say = new ArrayList<>();
    private String dial;
    private boolean beeped;
    private final List<String> recorded = new ArrayList<>();
    private boolean truncated;

    synchronized void streamed() {
        stream = true;
    }

    /**
     * The callee heard {@code instructions}; null is Twilio's application error message.
     *
     * @param recording whether an answering machine records it: it started after the beep
     */
    synchronized void played(TwimlReader.Instructions instructions, boolean recording) {
        String text = instructions == null ? IncomingCall.APPLICATION_ERROR_MESSAGE : instructions.say();
        if (text != null) {
            keep(say, text);
            if (recording) {
                keep(recorded, text);
            }
        }
        if (instructions != null && instructions.dial() != null && dial == null) {
            dial = instructions.dial();
        }
    }

    private void keep(List<String> texts, String text) {
        if (texts.size() < MAX_TEXTS) {
            texts.add(text);
        } else {
            truncated = true;
        }
    }

    /** The answering machine's beep came while the call lasted. */
    synchronized void beeped() {
        beeped = true;
    }

    /** The inspection view of the call and what its callee heard. */
    ObjectNode toJson(SimulatedTwilioCall call) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sid", call.sid());
        json.put("status", call.status());
        json.put("from", call.from());
        json.put("to", call.to());
        json.put("callee", SimulatedCallee.kind(call.options().behaviour()));
        json.put("answered_by", call.answeredBy());
        SimulatedUltravoxCall agentCall = call.agentCall();
        synchronized (this) {
            ObjectNode heard = json.putObject("heard");
            heard.put("stream", stream);
            heard.put("agentCallId", agentCall == null ? null : agentCall.callId());
            strings(heard.putArray("say"), say);
            heard.put("dial", dial);
            heard.put("truncated", truncated);
            if (call.options().behaviour() == MagicNumbers.Behaviour.ANSWERING_MACHINE) {
                ObjectNode voicemail = json.putObject("voicemail");
                voicemail.put("beeped", beeped);
                strings(voicemail.putArray("recorded"), recorded);
            } else {
                json.putNull("voicemail");
            }
        }
        return json;
    }

    private static void strings(ArrayNode into, List<String> values) {
        values.forEach(into::add);
    }
}
