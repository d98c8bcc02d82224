package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Ultravox through Callbridge: agent CRUD, join URLs of calls, and Ultravox's errors as
 * Callbridge reports them.
 */
@QuarkusIntegrationTest
@WithTestResource(TargetConfiguration.class)
@RequiresCredentials
@Tag(SuiteTags.ULTRAVOX)
class UltravoxIntegrationIT {

    @RegisterExtension
    static final CreatedResources created = CreatedResources.integration();

    private final CallbridgeApi api = CallbridgeApi.local();

    @Test
    void createsReadsListsAndDeletesAnAgent() {
        Reply create = created.createAgent(Fixtures.callTemplate());
        assertThat(create.status()).as("%s", create).isEqualTo(201);
        String id = create.field("agentId");
        assertThat(create.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/agents/" + id));
        assertThat(create.field("name")).startsWith(CreatedResources.INTEGRATION_PREFIX).contains(CreatedResources.RUN);
        assertThat(create.json().at("/callTemplate/systemPrompt").asText()).contains("integration suite");

        Reply read = api.get("/api/v1/agents/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.field("name")).isEqualTo(create.field("name"));
        assertThat(read.json().at("/callTemplate/maxDuration").asText()).isEqualTo("300s");

        assertThat(api.allAgents()).extracting(a -> a.path("agentId").asText()).contains(id);

        assertThat(api.delete("/api/v1/agents/" + id).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/agents/" + id).status()).isEqualTo(404);
    }

    @Test
    void updatesAnAgentAsAMergePatch() {
        // Every field the patch removes holds a value other than its default, so a removal
        // that did not happen cannot pass for one.
        ObjectNode template = Fixtures.callTemplate().put("voice", "Jessica").put("languageHint", "en-US");
        String id = created.agent(template);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("callTemplate").put("temperature", 0.7).putNull("voice").putNull("languageHint")
                .putNull("selectedTools").put("systemPrompt", "You are the updated test agent. Hang up at once.");

        Reply updated = api.patch("/api/v1/agents/" + id, patch);

        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        JsonNode after = api.get("/api/v1/agents/" + id).json().path("callTemplate");
        assertThat(after.path("systemPrompt").asText()).isEqualTo("You are the updated test agent. Hang up at once.");
        assertThat(after.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(after.path("maxDuration").asText()).as("kept").isEqualTo("300s");
        assertThat(after.path("recordingEnabled").asBoolean(true)).as("kept").isFalse();
        assertThat(after.path("voice").asText("")).as("voice removed").isNotEqualTo("Jessica");
        assertThat(after.path("languageHint").asText("")).as("languageHint removed").isNotEqualTo("en-US");
        assertThat(after.path("selectedTools").findValuesAsText("toolName")).as("hangUp tool removed")
                .doesNotContain("hangUp");
    }

    @Test
    void listingFollowsTheNextCursor() {
        Set<String> mine = new HashSet<>(List.of(created.agent(Fixtures.callTemplate()),
                created.agent(Fixtures.callTemplate()), created.agent(Fixtures.callTemplate())));
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply page = api.get("/api/v1/agents?pageSize=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json().path("results").size()).isLessThanOrEqualTo(2);
            page.json().path("results").forEach(a -> seen.add(a.path("agentId").asText()));
            cursor = page.json().path("next").isTextual()
                    ? URLEncoder.encode(page.json().path("next").asText(), StandardCharsets.UTF_8) : null;
            pages++;
        } while (cursor != null && !seen.containsAll(mine) && pages < 1000);
        assertThat(pages).as("three agents in pages of two").isGreaterThanOrEqualTo(2);
        assertThat(seen).containsAll(mine).doesNotHaveDuplicates();
    }

    @Test
    void refusesAnInvalidAgentBeforeCallingUltravox() {
        ObjectNode template = Fixtures.callTemplate().put("temperature", 2);
        Reply reply = api.createAgent("Integration Test with spaces " + CreatedResources.RUN, template);

        assertThat(reply.status()).as("%s", reply).isEqualTo(400);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reply.json().path("errors")).extracting(e -> e.path("field").asText())
                .contains("name", "callTemplate.temperature");
    }

    @Test
    void unknownAgentAnswers404() {
        String unknown = Fixtures.unknownId();
        ObjectNode rename = JsonNodeFactory.instance.objectNode().put("name", "Integration_Test_never_" + CreatedResources.RUN);

        for (Reply reply : List.of(api.get("/api/v1/agents/" + unknown), api.patch("/api/v1/agents/" + unknown, rename),
                api.delete("/api/v1/agents/" + unknown))) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
            assertThat(reply.field("type")).isEqualTo("https://callbridge.dev/problems/not-found");
            assertThat(reply.field("detail")).contains(unknown);
        }
    }

    @Test
    @Tag(SuiteTags.TWILIO)
    void eachCallIsItsOwnConversation() {
        String agent = created.agent(Fixtures.callTemplate());

        Reply first = created.placeCall(agent, Fixtures.call());
        Reply second = created.placeCall(agent, Fixtures.call());

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertThat(first.text()).as("the join URL is a credential: never handed out").doesNotContain("joinUrl");
        assertThat(first.field("callId")).matches("[0-9a-f-]{36}").isNotEqualTo(second.field("callId"));
        Reply details = api.get("/api/v1/calls/" + first.field("callId"));
        assertThat(details.status()).as("%s", details).isEqualTo(200);
        assertThat(details.field("agentId")).isEqualTo(agent);
        assertThat(details.text()).as("the join URL is a credential: never shown again").doesNotContain("joinUrl");
    }

    /**
     * Only against the sandbox: provoking real rate limits would take many real calls. The
     * sandbox's Ultravox answers 429 beyond its concurrent-call limit, as the real one does.
     */
    @Test
    @Tag(SuiteTags.TWILIO)
    void rateLimitingIsSurfacedAs429WithRetryAfter() {
        assumeTrue(IntegrationTarget.sandbox(), "Rate limiting cannot be provoked safely against real services "
                + "(it takes more simultaneous real calls than the account allows); it is tested against the sandbox");
        String agent = created.agent(Fixtures.callTemplate());
        ObjectNode staysOnTheLine = JsonNodeFactory.instance.objectNode().put("to", SandboxNumbers.TALKS_UNTIL_HUNG_UP);

        List<String> live = new ArrayList<>();
        Reply reply = null;
        for (int i = 0; i <= TargetConfiguration.SANDBOX_MAX_CONCURRENT_CALLS + 2; i++) {
            reply = created.placeCall(agent, staysOnTheLine);
            if (reply.status() != 201) {
                break;
            }
            live.add(reply.field("callId"));
        }

        assertThat(reply.status()).as("%s", reply).isEqualTo(429);
        assertThat(reply.field("type")).isEqualTo("https://callbridge.dev/problems/rate-limited");
        assertThat(reply.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isPositive());
        // Hang up only answered calls: an unanswered one would hold its slot until the join timeout.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> live.stream()
                .allMatch(id -> api.get("/api/v1/calls/" + id).json().at("/ultravox/joined").isTextual()));
    }
}
