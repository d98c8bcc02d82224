package dev.callbridge.number;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callbridge.phone.PhoneMask;
import java.time.Instant;
import java.util.Map;

/**
 * Where calls to one of the account's Twilio numbers go: the agent that answers them and what
 * the agent is told about every call to that number.
 *
 * @param number          the called number, E.164
 * @param agentId         the Ultravox agent that answers
 * @param templateContext values for the agent's {@code {{variables}}}, merged over the caller's context; null for none
 * @param metadata        string to string, stored with each Ultravox call; empty for none
 * @param greeting        the words the agent opens every call with; null: the agent greets in its own words
 * @param owner           the {@linkplain dev.callbridge.http.ApiKeyOwner owner} that routed the number: its
 *                        webhook subscriptions receive the events of the number's calls
 */
public record NumberRoute(String number, String agentId, JsonNode templateContext, Map<String, String> metadata,
        String greeting, String owner, Instant createdAt, Instant updatedAt) {

    public NumberRoute {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public String toString() {
        return "NumberRoute[number=" + PhoneMask.mask(number) + ", agentId=" + agentId + "]";
    }
}
