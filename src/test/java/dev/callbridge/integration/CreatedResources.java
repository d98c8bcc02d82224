package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything a test creates at the vendors or in Callbridge, and its removal. Register it as a
 * static {@code @RegisterExtension} field and create agents, calls and number routes only
 * through it:
 *
 * <ul>
 *   <li>an agent's name is recorded <em>before</em> the create request is sent, so even an agent
 *       whose creation answer was lost or failed an assertion is found and deleted;</li>
 *   <li>a number's route is recorded before the route request is sent, for the same reason;</li>
 *   <li>after each test, whether it passed or not, its calls are hung up, its number routes
 *       deleted and its agents deleted;</li>
 *   <li>after the class, every agent of the account is listed (following {@code next}) and any
 *       whose name has one of the suite's prefixes and this run's suffix fails the class (and
 *       is deleted), so a run provably leaves nothing behind; likewise any number the class
 *       routed that is still routed fails it.</li>
 * </ul>
 */
public final class CreatedResources implements AfterEachCallback, AfterAllCallback {

    /** Prefix of agents made by the vendor-level tests ({@code Integration Test}). */
    public static final String INTEGRATION_PREFIX = "Integration_Test_";
    /** Prefix of agents made by the end-to-end tests ({@code E2E Test}). */
    public static final String E2E_PREFIX = "E2E_Test_";
    /** This run's suffix, in every agent name: {@code <UTC-ish timestamp>_<random>}. */
    public static final String RUN = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
            + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String prefix;
    private final CallbridgeApi api = CallbridgeApi.local();
    /** Names announced before their create request; removed once the agent is known by id. */
    private final Set<String> pendingNames = ConcurrentHashMap.newKeySet();
    private final Map<String, String> agents = new ConcurrentHashMap<>();
    private final Set<String> calls = ConcurrentHashMap.newKeySet();
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    /** Every number this class routed, for the check after the class. */
    private final Set<String> routedByClass = ConcurrentHashMap.newKeySet();

    private CreatedResources(String prefix) {
        this.prefix = prefix;
    }

    /** For the vendor-level test classes: agents named {@code Integration_Test_<run>_<n>}. */
    public static CreatedResources integration() {
        return new CreatedResources(INTEGRATION_PREFIX);
    }

    /** For the end-to-end test class: agents named {@code E2E_Test_<run>_<n>}. */
    public static CreatedResources endToEnd() {
        return new CreatedResources(E2E_PREFIX);
    }

    /** Creates an agent with a fresh name; its deletion is registered before the request leaves. */
    public Reply createAgent(ObjectNode callTemplate) {
        String name = prefix + RUN + "_" + SEQUENCE.incrementAndGet();
        pendingNames.add(name);
        Reply reply = api.createAgent(name, callTemplate);
        String id = reply.field("agentId");
        if (reply.status() == 201 && id != null) {
            agents.put(id, name);
            pendingNames.remove(name);
        }
        return reply;
    }

    /** Creates an agent and returns its id, failing when Callbridge does not answer 201. */
    public String agent(ObjectNode callTemplate) {
        Reply reply = createAgent(callTemplate);
        assertThat(reply.status()).as("create agent: %s", reply).isEqualTo(201);
        return reply.field("agentId");
    }

    /** Places a call; a placed call is hung up after the test. */
    public Reply placeCall(String agentId, ObjectNode body) {
        Reply reply = api.placeCall(agentId, body);
        String callId = reply.field("callId");
        if (reply.status() == 201 && callId != null) {
            calls.add(callId);
        }
        return reply;
    }

    /** Hangs the call up after the test, as for placed calls; for calls that did not start with {@link #placeCall}. */
    public void hangUpAfterwards(String callId) {
        calls.add(callId);
    }

    /**
     * {@code PUT /api/v1/numbers/{number}} with this body; the route is deleted after the test.
     *
     * @param number E.164, as Callbridge stores it
     */
    public Reply routeNumber(String number, ObjectNode body) {
        routes.add(number);
        routedByClass.add(number);
        return api.put(numberPath(number), body);
    }

    /** The path of a number's route. */
    public static String numberPath(String number) {
        return "/api/v1/numbers/" + number;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        calls.forEach(id -> api.delete("/api/v1/calls/" + id));
        calls.clear();
        routes.forEach(number -> {
            int status = api.delete(numberPath(number)).status();
            if (status != 204 && status != 404) {
                System.out.printf("[it] could not delete the route of a number (status %d); the class check will retry%n",
                        status);
            }
        });
        routes.clear();
        agents.keySet().forEach(id -> {
            int status = api.delete("/api/v1/agents/" + id).status();
            if (status != 204 && status != 404) {
                System.out.printf("[it] could not delete agent %s (status %d); the class check will retry%n", id, status);
            }
        });
        agents.clear();
        if (!pendingNames.isEmpty()) {
            deleteNamed(pendingNames);
            pendingNames.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        checkNoRouteLeft(context);
        if (!CredentialsCondition.missing(true, false).isEmpty()) {
            return; // Without Ultravox credentials no test ran, and there is nothing to list.
        }
        List<JsonNode> leftovers = ofThisRun(api.allAgents());
        leftovers.forEach(agent -> api.delete("/api/v1/agents/" + agent.path("agentId").asText()));
        assertThat(leftovers.stream().map(agent -> agent.path("name").asText()).toList())
                .as("agents of this run (suffix %s) left behind after %s; deleted now", RUN,
                        context.getRequiredTestClass().getSimpleName())
                .isEmpty();
    }

    /** Fails the class when a number it routed is still routed (deleting the route first). */
    private void checkNoRouteLeft(ExtensionContext context) {
        if (routedByClass.isEmpty()) {
            return;
        }
        List<String> left = api.allRoutes().stream().map(route -> route.path("number").asText())
                .filter(routedByClass::contains).toList();
        left.forEach(number -> api.delete(numberPath(number)));
        routedByClass.clear();
        assertThat(left).as("numbers still routed after %s; their routes are deleted now",
                context.getRequiredTestClass().getSimpleName()).isEmpty();
    }

    private void deleteNamed(Set<String> names) {
        api.allAgents().stream().filter(agent -> names.contains(agent.path("name").asText()))
                .forEach(agent -> api.delete("/api/v1/agents/" + agent.path("agentId").asText()));
    }

    /** The agents named with one of the suite's prefixes and this run's suffix. */
    static List<JsonNode> ofThisRun(List<JsonNode> agents) {
        return agents.stream().filter(agent -> {
            String name = agent.path("name").asText();
            return (name.startsWith(INTEGRATION_PREFIX) || name.startsWith(E2E_PREFIX)) && name.contains("_" + RUN + "_");
        }).toList();
    }
}
