package dev.callbridge.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The inbound side of a simulated call: where its voice webhook goes, how the webhook was
 * answered, and what the caller heard. Never holds the stream URL, which is a credential.
 */
final class IncomingCall {

    /** What Twilio plays when a voice webhook fails (its application error message). */
    static final String APPLICATION_ERROR_MESSAGE = "We are sorry, an application error has occurred. Goodbye.";

    private final String voiceUrl;
    private final CallerLocation location;
    private String webhookState = "pending";
    private Integer httpStatus;
    private Integer errorCode;
    private String errorMessage;
    private boolean stream;
    private String say;
    private String dial;

    IncomingCall(String voiceUrl, CallerLocation location) {
        this.voiceUrl = voiceUrl;
        this.location = location;
    }

    String voiceUrl() {
        return voiceUrl;
    }

    CallerLocation location() {
        return location;
    }

    /** The webhook answered playable TwiML. */
    synchronized void answered(int status, TwimlReader.Instructions instructions) {
        webhookState = "answered";
        httpStatus = status;
        stream = instructions.streamUrl() != null;
        say = instructions.say();
        dial = instructions.dial();
    }

    /**
     * The webhook failed: Twilio's error {@code code} is logged and the caller hears Twilio's
     * own message.
     *
     * @param status the HTTP status of the answer, or null when none came
     */
    synchronized void failed(Integer status, int code, String message) {
        webhookState = "failed";
        httpStatus = status;
        errorCode = code;
        errorMessage = message;
        say = APPLICATION_ERROR_MESSAGE;
    }

    /** The inspection view: the call's status, the webhook's outcome, and what the caller heard. */
    ObjectNode toJson(SimulatedTwilioCall call) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("sid", call.sid());
        json.put("status", call.status());
        json.put("from", call.from());
        json.put("to", call.to());
        SimulatedUltravoxCall agentCall = call.agentCall();
        synchronized (this) {
            ObjectNode webhook = json.putObject("webhook");
            webhook.put("state", webhookState);
            webhook.put("status", httpStatus);
            if (errorCode != null) {
                webhook.putObject("error").put("code", errorCode).put("message", errorMessage)
                        .put("more_info", "https://www.twilio.com/docs/errors/" + errorCode);
            } else {
                webhook.putNull("error");
            }
            ObjectNode heard = json.putObject("heard");
            heard.put("stream", stream);
            heard.put("agentCallId", agentCall == null ? null : agentCall.callId());
            heard.put("say", say);
            heard.put("dial", dial);
        }
        return json;
    }
}
