package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.testing.TestConfigs;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallRulesTest {

    static final String AGENT = "4b1f0c2e-9a55-4d2e-8f0a-6c3e2d1b7a90";
    static final ObjectMapper JSON = new ObjectMapper();

    /** A service Twilio can reach: every connect mode and machine detection can be used. */
    static final ServiceConfig PUBLIC = TestConfigs.service(Optional.empty(), Optional.of("https://callbridge.example.com"));

    final CallRules rules = new CallRules(config(1024, 3), twilio("+1 415 555 0100"), PUBLIC, JSON);

    @Test
    void normalisesNumbersAndDefaultsTheCallerId() {
        ValidatedCall call = rules.check(AGENT, request("+1 (415) 555-0123", null, null, null));

        assertThat(call.to()).isEqualTo("+14155550123");
        assertThat(call.from()).isEqualTo("+14155550100");
        assertThat(call.fromIsConfigured()).isTrue();
        assertThat(call.metadata()).isEmpty();
    }

    @Test
    void anExplicitCallerIdIsTheClients() {
        ValidatedCall call = rules.check(AGENT, request("+14155550123", "+442079460958", null, null));

        assertThat(call.from()).isEqualTo("+442079460958");
        assertThat(call.fromIsConfigured()).isFalse();
    }

    @Test
    void measuresDepthWithTheContextObjectAsLevelOne() throws Exception {
        assertThat(CallRules.depth(json("{}"), 100)).isEqualTo(1);
        assertThat(CallRules.depth(json("{\"a\": 1}"), 100)).isEqualTo(1);
        assertThat(CallRules.depth(json("{\"a\": {\"b\": [1, {\"c\": true}]}}"), 100)).isEqualTo(4);
        assertThat(CallRules.depth(json("{\"a\": [[[[[[[[[]]]]]]]]]}"), 5)).isGreaterThanOrEqualTo(5);
    }

    @Test
    void acceptsContextAtTheDepthLimitAndRejectsOneLevelMore() throws Exception {
        assertThat(rules.templateContextErrors(json("{\"a\": {\"b\": {\"c\": 1}}}"))).isEmpty();
        assertThat(rules.templateContextErrors(json("{\"a\": {\"b\": {\"c\": [1]}}}")))
                .containsExactly(new FieldError("templateContext", "is nested deeper than 3 levels"));
    }

    @Test
    void rejectsContextOverTheSizeLimitInBytes() throws Exception {
        // 'é' is two bytes in UTF-8: the limit counts bytes, not characters.
        String value = "é".repeat(510);
        List<FieldError> errors = rules.templateContextErrors(json("{\"v\": \"" + value + "\"}"));
        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("1028 bytes"));
        assertThat(rules.templateContextErrors(json("{\"v\": \"" + "e".repeat(1000) + "\"}"))).isEmpty();
    }

    @Test
    void rejectsContextThatIsNotAnObject() throws Exception {
        assertThat(rules.templateContextErrors(json("[1, 2]")))
                .containsExactly(new FieldError("templateContext", "must be a JSON object"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> metadata = new HashMap<>();
        metadata.put("ultravox.call", "x");
        metadata.put("callbridge.placementId", "x");
        metadata.put("k".repeat(65), "x");
        metadata.put("long", "v".repeat(513));
        metadata.put("none", null);

        assertThatThrownBy(() -> rules.check("not-a-uuid", new PlaceCallRequest("4155550123", "+19005550123",
                null, metadata, 5, null, 601, 9, null, null, null, null)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fieldErrors()).extracting(FieldError::field).contains("agentId", "to", "from",
                            "metadata[ultravox.call]", "metadata[callbridge.placementId]", "metadata[long]", "metadata[none]", "maxDuration",
                            "timeoutSeconds", "joinTimeout");
                    assertThat(e.fieldErrors()).hasSize(11);
                });
    }

    @Test
    void theAgentWaitsForThePhoneLegLongerThanThePhoneRings() {
        PlaceCallRequest defaults = request("+14155550123", null, null, null);
        PlaceCallRequest shortRing = new PlaceCallRequest("+14155550123", null, null, null, null, null, 20, null, null, null, null, null);
        PlaceCallRequest explicit = new PlaceCallRequest("+14155550123", null, null, null, null, null, 20, 15, null, null, null, null);

        // Twilio's default ring of 60 s, or the placement's, plus the 30 s margin; the client's own wins.
        assertThat(rules.check(AGENT, defaults).joinTimeoutSeconds()).isEqualTo(90);
        assertThat(rules.check(AGENT, shortRing).joinTimeoutSeconds()).isEqualTo(50);
        assertThat(rules.check(AGENT, explicit).joinTimeoutSeconds()).isEqualTo(15);
    }

    @Test
    void requiresAnExplicitCallerIdWhenNoneIsConfigured() {
        CallRules unconfigured = new CallRules(config(1024, 3), twilio(null), PUBLIC, JSON);
        assertThatThrownBy(() -> unconfigured.check(AGENT, request("+14155550123", null, null, null)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("from"));
    }

    @Test
    void firstSpeakerSettingsAreCheckedAsUltravoxWouldAndPassedOn() {
        FirstSpeakerSettings agent = new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(true,
                "This call is recorded.", null, "0.5s"), null);
        FirstSpeakerSettings user = new FirstSpeakerSettings(null, new FirstSpeakerSettings.UserFirst(
                new FirstSpeakerSettings.Fallback("5s", null, "Greet the callee.")));

        assertThat(rules.check(AGENT, withFirstSpeaker(agent)).firstSpeakerSettings()).isEqualTo(agent);
        assertThat(rules.check(AGENT, withFirstSpeaker(user)).firstSpeakerSettings()).isEqualTo(user);
        assertThat(rules.check(AGENT, withFirstSpeaker(new FirstSpeakerSettings(null,
                new FirstSpeakerSettings.UserFirst(null)))).firstSpeakerSettings()).isNotNull();
    }

    @Test
    void badFirstSpeakerSettingsAreFieldErrors() {
        assertFieldErrors(new FirstSpeakerSettings(null, null), "firstSpeakerSettings");
        assertFieldErrors(new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(null, "Hi", null, null),
                new FirstSpeakerSettings.UserFirst(null)), "firstSpeakerSettings");
        assertFieldErrors(new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(null, "Hi", "Say hi", "61s"),
                null), "firstSpeakerSettings.agent", "firstSpeakerSettings.agent.delay");
        assertFieldErrors(new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(null, " ", null, "5"), null),
                "firstSpeakerSettings.agent.text", "firstSpeakerSettings.agent.delay");
        assertFieldErrors(new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(null, null, null, "05s"), null),
                "firstSpeakerSettings.agent.delay");
        assertThat(rules.check(AGENT, withFirstSpeaker(new FirstSpeakerSettings(new FirstSpeakerSettings.AgentFirst(
                null, null, null, "0.0005s"), null))).firstSpeakerSettings()).isNotNull();
        assertFieldErrors(new FirstSpeakerSettings(null, new FirstSpeakerSettings.UserFirst(
                new FirstSpeakerSettings.Fallback("-1s", "x".repeat(1001), null))),
                "firstSpeakerSettings.user.fallback.delay", "firstSpeakerSettings.user.fallback.text");
    }

    private void assertFieldErrors(FirstSpeakerSettings settings, String... fields) {
        assertThatThrownBy(() -> rules.check(AGENT, withFirstSpeaker(settings)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactlyInAnyOrder(fields));
    }

    private static PlaceCallRequest withFirstSpeaker(FirstSpeakerSettings settings) {
        return new PlaceCallRequest("+14155550123", null, null, null, null, null, null, null, settings, null, null, null);
    }

    private static PlaceCallRequest request(String to, String from, JsonNode context, Map<String, String> metadata) {
        return new PlaceCallRequest(to, from, context, metadata, null, null, null, null, null, null, null, null);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static CallConfig config(int maxBytes, int maxDepth) {
        return new CallConfig() {
            public boolean allowInsecureStream() {
                return false;
            }

            public Duration joinTimeoutMargin() {
                return Duration.ofSeconds(30);
            }

            public TemplateContext templateContext() {
                return new TemplateContext() {
                    public int maxBytes() {
                        return maxBytes;
                    }

                    public int maxDepth() {
                        return maxDepth;
                    }
                };
            }

            public Metadata metadata() {
                return new Metadata() {
                    public int maxEntries() {
                        return 32;
                    }

                    public int maxKeyLength() {
                        return 64;
                    }

                    public int maxValueLength() {
                        return 512;
                    }
                };
            }

            public Registry registry() {
                return null;
            }

            public FollowUp followUp() {
                return null;
            }

            public java.time.Duration retention() {
                return null;
            }

            public String connectMode() {
                return "inline";
            }

            public Duration connectBudget() {
                return Duration.ofSeconds(5);
            }

            public String apologyMessage() {
                return "Sorry.";
            }

            public String voicemailCue() {
                return "[Leave a message.]";
            }
        };
    }

    static TwilioConfig twilio(String phoneNumber) {
        return TestConfigs.twilio(Optional.empty(), Optional.empty(), Optional.ofNullable(phoneNumber),
                "https://api.twilio.com", 1, Duration.ofSeconds(1));
    }

    @Test
    void connectModeMachineDetectionAndVoicemailMessageAreChecked() {
        assertThat(rules.check(AGENT, connecting(null, null, null)).connection().mode()).isEqualTo(ConnectMode.INLINE);
        assertThat(rules.check(AGENT, connecting("on-answer", "leave-message", "Call us back.")).connection())
                .satisfies(c -> {
                    assertThat(c.mode()).isEqualTo(ConnectMode.ON_ANSWER);
                    assertThat(c.machineDetection()).isEqualTo(MachineDetection.LEAVE_MESSAGE);
                    assertThat(c.voicemailMessage()).isEqualTo("Call us back.");
                });
        assertThatThrownBy(() -> rules.check(AGENT, connecting("soon", "maybe", "x")))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.fieldErrors())
                        .extracting(FieldError::field).containsExactly("connectMode", "machineDetection",
                                "voicemailMessage"));
        assertThatThrownBy(() -> rules.check(AGENT, connecting(null, "leave-message", "&".repeat(900))))
                .as("900 characters, 4500 once escaped").isInstanceOfSatisfying(ApiProblemException.class,
                        e -> assertThat(e.fieldErrors()).extracting(FieldError::field).containsExactly("voicemailMessage"));
    }

    @Test
    void modesThatNeedTwilioToReachCallbridgeAreRefusedWithoutAPublicUrl() {
        CallRules unreachable = new CallRules(config(1024, 3), twilio("+1 415 555 0100"),
                TestConfigs.service(Optional.empty(), Optional.empty()), JSON);

        assertThat(unreachable.check(AGENT, connecting("inline", "off", null)).connection().mode())
                .isEqualTo(ConnectMode.INLINE);
        for (PlaceCallRequest needsUrl : List.of(connecting("parallel", null, null), connecting("on-answer", null, null),
                connecting(null, "hang-up", null))) {
            assertThatThrownBy(() -> unreachable.check(AGENT, needsUrl)).isInstanceOfSatisfying(
                    ApiProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.kind()).isEqualTo("public-url-required");
                        assertThat(e.getMessage()).contains("CALLBRIDGE_PUBLIC_BASE_URL");
                    });
        }
    }

    private static PlaceCallRequest connecting(String mode, String detection, String message) {
        return new PlaceCallRequest("+14155550123", null, null, null, null, null, null, null, null, mode, detection,
                message);
    }
}
