package dev.callbridge.call;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callbridge.phone.PhoneMask;
import java.time.Duration;
import java.util.Map;

/**
 * An inbound call to connect to an agent: who called which number (Twilio's voice webhook) and
 * what the number's route tells the agent.
 *
 * @param twilioCallSid   Twilio's SID of the call; the placement's id follows from it
 * @param to              the called number, E.164
 * @param from            the caller as Twilio names it (E.164 when known)
 * @param agentId         the agent that answers
 * @param owner           the route's owner: its webhook subscriptions receive the call's events
 * @param templateContext the agent's template context: the caller's context with the route's merged over it
 * @param metadata        the route's metadata, stored with the Ultravox call
 * @param greeting        the words the agent opens with; null: the agent greets in its own words
 * @param joinTimeout     how long the agent call waits for Twilio's media stream
 */
public record InboundRequest(String twilioCallSid, String to, String from, String agentId, String owner,
        JsonNode templateContext, Map<String, String> metadata, String greeting, Duration joinTimeout) {

    public InboundRequest {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public String toString() {
        return "InboundRequest[twilioCallSid=" + twilioCallSid + ", to=" + PhoneMask.mask(to) + ", from="
                + PhoneMask.mask(from) + ", agentId=" + agentId + "]";
    }
}
