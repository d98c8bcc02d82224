package dev.callbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.http.ApiProblemException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook's fields, the caller's context and the fallback, without a running service. */
class InboundPartsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> webhook() {
        Map<String, String> fields = new HashMap<>(InboundFixtures.voiceWebhook("CA0123abc", "+1 (415) 555-0123",
                "+14155550100"));
        fields.put("FromCity", "  OAKLAND ");
        fields.put("ToState", "CA");
        return fields;
    }

    @Test
    void theWebhookIsReadWithNumbersNormalisedAndPlacesTrimmed() {
        InboundCall call = InboundCall.from(webhook());

        assertThat(call.callSid()).isEqualTo("CA0123abc");
        assertThat(call.calledNumber()).contains("+14155550100");
        assertThat(call.callerNumber()).isEqualTo("+14155550123");
        assertThat(call.caller().city()).isEqualTo("OAKLAND");
        assertThat(call.caller().zip()).isEmpty();
        assertThat(call.called().state()).isEqualTo("CA");
        assertThat(call.toString()).doesNotContain("555-0123").doesNotContain("+14155550100");
    }

    @Test
    void anAnonymousCallerAndASipAddressAreKeptAsTwilioNamesThem() {
        Map<String, String> fields = webhook();
        fields.put("From", "anonymous");
        fields.put("To", "sip:reception@example.sip.twilio.com");

        InboundCall call = InboundCall.from(fields);

        assertThat(call.callerNumber()).isEqualTo("anonymous");
        assertThat(call.calledNumber()).isEmpty();
    }

    @Test
    void aWebhookWithoutCallSidOrToIsRefusedAndLongValuesAreCut() {
        Map<String, String> noSid = webhook();
        noSid.put("CallSid", "CA<script>");
        Map<String, String> noTo = webhook();
        noTo.remove("To");
        Map<String, String> long_ = webhook();
        long_.put("FromCity", "X".repeat(5_000));

        assertThatThrownBy(() -> InboundCall.from(noSid)).isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("CallSid");
        assertThatThrownBy(() -> InboundCall.from(noTo)).isInstanceOf(ApiProblemException.class)
                .hasMessageContaining("To is required");
        assertThat(InboundCall.from(long_).caller().city()).hasSize(InboundCall.MAX_TEXT);
    }

    @Test
    void theRoutesContextIsMergedOverTheCallersKeyByKey() throws Exception {
        JsonNode route = JSON.readTree("{\"caller\": {\"city\": \"Home\", \"tier\": \"gold\"}, \"called\": \"x\", "
                + "\"clinic\": {\"name\": \"North\"}}");

        JsonNode context = CallerContext.of(InboundCall.from(webhook()), route);

        assertThat(context.at("/caller/number").asText()).isEqualTo("+14155550123");
        assertThat(context.at("/caller/city").asText()).isEqualTo("Home");
        assertThat(context.at("/caller/tier").asText()).isEqualTo("gold");
        assertThat(context.at("/caller/name").isTextual()).isTrue();
        assertThat(context.get("called").asText()).as("a value that is not an object replaces").isEqualTo("x");
        assertThat(context.at("/clinic/name").asText()).isEqualTo("North");
        assertThat(route.at("/caller/number").isMissingNode()).as("the route is not changed").isTrue();
    }

    @Test
    void theFallbackSpeaksTheMessageEscapedThenForwardsOrHangsUp() {
        assertThat(new FallbackTwiml(config("Closed <now> & \"later\"", Optional.empty(), Optional.empty())).twiml())
                .isEqualTo("<Response><Say>Closed &lt;now&gt; &amp; &quot;later&quot;</Say><Hangup/></Response>");
        assertThat(new FallbackTwiml(config("One moment.", Optional.of("en-GB"), Optional.of("+1 415 555 0100")))
                .twiml()).isEqualTo("<Response><Say language=\"en-GB\">One moment.</Say><Dial>+14155550100</Dial></Response>");
    }

    @Test
    void aFallbackNumberThatIsNotOneStopsTheStart() {
        assertThatThrownBy(() -> new FallbackTwiml(config("Hi", Optional.empty(), Optional.of("reception"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CALLBRIDGE_INBOUND_FALLBACK_DIAL");
    }

    @Test
    void aBlankFallbackMessageAndABudgetTwilioWouldNotWaitForStopTheStart() {
        assertThatThrownBy(() -> new FallbackTwiml(config(" ", Optional.empty(), Optional.empty())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CALLBRIDGE_INBOUND_FALLBACK_MESSAGE");
        for (Duration budget : new Duration[] {Duration.ZERO, Duration.ofSeconds(11)}) {
            assertThatThrownBy(() -> new InboundCalls(null, null, null, config("Hi", budget), null))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("CALLBRIDGE_INBOUND_ANSWER_BUDGET");
        }
        assertThat(new InboundCalls(null, null, null, config("Hi", Duration.ofSeconds(10)), null)).isNotNull();
    }

    private static InboundConfig config(String message, Duration budget) {
        InboundConfig base = config(message, Optional.empty(), Optional.empty());
        return new InboundConfig() {
            @Override
            public Duration answerBudget() {
                return budget;
            }

            @Override
            public Duration joinTimeout() {
                return base.joinTimeout();
            }

            @Override
            public Fallback fallback() {
                return base.fallback();
            }
        };
    }

    private static InboundConfig config(String message, Optional<String> language, Optional<String> dial) {
        return new InboundConfig() {
            @Override
            public Duration answerBudget() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration joinTimeout() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Fallback fallback() {
                return new Fallback() {
                    @Override
                    public String message() {
                        return message;
                    }

                    @Override
                    public Optional<String> language() {
                        return language;
                    }

                    @Override
                    public Optional<String> dial() {
                        return dial;
                    }
                };
            }
        };
    }
}
