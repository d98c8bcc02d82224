package dev.callbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.callbridge.client.ApiClient;
import dev.callbridge.client.ApiException;
import dev.callbridge.client.ApiResponse;
import dev.callbridge.client.api.AgentsApi;
import dev.callbridge.client.api.CallsApi;
import dev.callbridge.client.model.Agent;
import dev.callbridge.client.model.AgentPage;
import dev.callbridge.client.model.CallDetails;
import dev.callbridge.client.model.CreateAgentRequest;
import dev.callbridge.client.model.PlaceCallRequest;
import dev.callbridge.client.model.PlacedCall;
import dev.callbridge.client.model.UpdateAgentRequest;
import dev.callbridge.sandbox.SandboxProfile;
import dev.callbridge.testing.Api;
import dev.callbridge.testing.QuietLogs;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's Quickstart through a client generated at build time from the API description
 * (api/openapi.yaml, which OpenApiDocumentTest keeps equal to /q/openapi), used as generated:
 * no hand edits, only the base URL and the API key set on it.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class GeneratedClientTest {

    /** The failures this class causes on purpose stay off the build output. */
    @RegisterExtension
    static final QuietLogs QUIET = QuietLogs.vendorFailures();

    private static final String CALLEE = "+14155552671";

    @TestHTTPResource("/")
    URL base;

    private AgentsApi agents;
    private CallsApi calls;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> request.header(ApiKeyFilter.HEADER, Api.KEY));
        agents = new AgentsApi(client);
        calls = new CallsApi(client);
    }

    @Test
    void runsTheQuickstart() throws ApiException {
        String name = "quickstart_" + UUID.randomUUID().toString().substring(0, 8);
        ApiResponse<Agent> created = agents.createAgentWithHttpInfo(quickstartAgent(name), null);
        Agent agent = created.getData();
        assertThat(created.getStatusCode()).isEqualTo(201);
        assertThat(header(created, "Location")).isEqualTo("/api/v1/agents/" + agent.getAgentId());
        assertThat(header(created, RequestIds.HEADER)).isNotBlank();
        assertThat(agent.getName()).isEqualTo(name);
        assertThat(agent.getCallTemplate()).containsEntry("voice", "Jessica");

        assertThat(allAgents()).extracting(Agent::getAgentId).contains(agent.getAgentId());

        Agent renamed = agents.updateAgent(agent.getAgentId(), rename(name + "_v2"));
        assertThat(renamed.getName()).isEqualTo(name + "_v2");
        assertThat(renamed.getCallTemplate()).as("the merge-patch null removed the voice")
                .doesNotContainKey("voice").containsKey("systemPrompt");
        Agent reread = agents.getAgent(agent.getAgentId());
        assertThat(reread.getName()).isEqualTo(name + "_v2");
        assertThat(reread.getCallTemplate()).doesNotContainKey("voice");

        ApiResponse<PlacedCall> placed = calls.placeCallWithHttpInfo(agent.getAgentId(), quickstartCall(), null);
        PlacedCall call = placed.getData();
        assertThat(placed.getStatusCode()).isEqualTo(201);
        assertThat(header(placed, "Location")).isEqualTo("/api/v1/calls/" + call.getCallId());
        assertThat(call.getAgentId()).isEqualTo(agent.getAgentId());
        assertThat(call.getTo()).isEqualTo(CALLEE);
        assertThat(call.getStatus()).isEqualTo("queued");

        CallDetails followed = calls.getCall(call.getCallId());
        assertThat(followed.getCallId()).isEqualTo(call.getCallId());
        assertThat(followed.getTwilioCallSid()).isEqualTo(call.getTwilioCallSid());
        assertThat(followed.getStatus()).isNotBlank();

        calls.hangUpCall(call.getCallId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(calls.getCall(call.getCallId())
                .getStatus()).isIn("completed", "canceled"));

        agents.deleteAgent(agent.getAgentId());
        ApiException gone = catchThrowableOfType(ApiException.class, () -> agents.getAgent(agent.getAgentId()));
        assertThat(gone.getCode()).isEqualTo(404);
        assertThat(gone.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
        assertThat(gone.getResponseBody()).contains("\"requestId\"");
    }

    @Test
    void aRetriedPlacementIsReplayedWithItsHeader() throws ApiException {
        Agent agent = agents.createAgent(quickstartAgent("replay_" + UUID.randomUUID().toString().substring(0, 8)), null);
        try {
            String key = UUID.randomUUID().toString();
            ApiResponse<PlacedCall> first = calls.placeCallWithHttpInfo(agent.getAgentId(), quickstartCall(), key);
            ApiResponse<PlacedCall> again = calls.placeCallWithHttpInfo(agent.getAgentId(), quickstartCall(), key);
            assertThat(header(first, "Idempotent-Replayed")).isNull();
            assertThat(header(again, "Idempotent-Replayed")).isEqualTo("true");
            assertThat(again.getData().getCallId()).isEqualTo(first.getData().getCallId());
            calls.hangUpCall(first.getData().getCallId());
        } finally {
            agents.deleteAgent(agent.getAgentId());
        }
    }

    private List<Agent> allAgents() throws ApiException {
        List<Agent> all = new ArrayList<>();
        String cursor = null;
        do {
            AgentPage page = agents.listAgents(cursor, 200);
            all.addAll(page.getResults());
            cursor = page.getNext();
        } while (cursor != null);
        return all;
    }

    /** Quickstart step 1, as a generated-client user writes it. */
    private static CreateAgentRequest quickstartAgent(String name) {
        return new CreateAgentRequest().name(name).callTemplate(Map.of(
                "systemPrompt", "You are Maya from Example Dental. Remind {{patient}} of the appointment on {{date}}.",
                "voice", "Jessica",
                "firstSpeakerSettings", Map.of("user", Map.of())));
    }

    /** A rename that also sends a merge-patch null for the voice. */
    private static UpdateAgentRequest rename(String name) {
        Map<String, Object> patch = new HashMap<>();
        patch.put("voice", null);
        return new UpdateAgentRequest().name(name).callTemplate(patch);
    }

    /** Quickstart step 3. */
    private static PlaceCallRequest quickstartCall() {
        return new PlaceCallRequest().to(CALLEE)
                .templateContext(Map.of("patient", "Ada", "date", "Monday at 10:00"));
    }

    private static String header(ApiResponse<?> response, String name) {
        return response.getHeaders().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0))
                .findFirst().orElse(null);
    }
}
