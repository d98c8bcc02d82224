package dev.callbridge.number;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A route as the API shows it: the route without its owner, and the URLs to configure on the
 * number in Twilio.
 */
@Schema(name = "NumberRoute", description = "Where calls to one of your Twilio numbers go.")
public record NumberRouteView(
        @Schema(required = true, description = "The routed number, E.164", examples = "+14155550100")
        String number,
        @Schema(required = true, examples = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90") String agentId,
        @Schema(implementation = Map.class, additionalProperties = Schema.True.class, nullable = true,
                description = "Values for the agent's `{{variables}}`, merged over the caller's context; null for none")
        JsonNode templateContext,
        @Schema(required = true, description = "Stored with every call's Ultravox call; empty for none")
        Map<String, String> metadata,
        @Schema(nullable = true, description = "What the agent says first; null: the agent opens in its own words")
        String greeting,
        @Schema(required = true, examples = "2026-06-01T12:00:00Z") Instant createdAt,
        @Schema(required = true, examples = "2026-06-01T12:00:00Z") Instant updatedAt,
        @Schema(nullable = true, description = "Set this as the number's \"A call comes in\" webhook in Twilio "
                + "(HTTP POST); null when CALLBRIDGE_PUBLIC_BASE_URL is not configured",
                examples = "https://callbridge.example.com/webhooks/twilio/voice")
        String voiceUrl,
        @Schema(nullable = true, description = "Set this as the number's \"Call status changes\" webhook in "
                + "Twilio; null when CALLBRIDGE_PUBLIC_BASE_URL is not configured",
                examples = "https://callbridge.example.com/webhooks/twilio/call-status")
        String statusCallbackUrl) {

    static NumberRouteView of(NumberRoute route, String voiceUrl, String statusCallbackUrl) {
        return new NumberRouteView(route.number(), route.agentId(), route.templateContext(),
                new TreeMap<>(route.metadata()), route.greeting(), route.createdAt(), route.updatedAt(), voiceUrl,
                statusCallbackUrl);
    }
}
