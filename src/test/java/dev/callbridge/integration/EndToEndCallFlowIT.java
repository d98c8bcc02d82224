package dev.callbridge.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole flow as a client application drives it: an agent, a call that connects a phone
 * to it, and what happens around that (several calls at once, rich template contexts,
 * recovery after a refused request, an agent changed between calls), plus how long calls take.
 */
@QuarkusIntegrationTest
@WithTestResource(TargetConfiguration.class)
@RequiresCredentials
@Tag(SuiteTags.E2E)
@Tag(SuiteTags.ULTRAVOX)
@Tag(SuiteTags.TWILIO)
class EndToEndCallFlowIT {

    /** Calls placed at once; within the Ultravox free plan's five concurrent calls. */
    private static final int CONCURRENT_CALLS = 3;
    /** Calls per performance test ({@code -Dcallbridge.it.perf-calls}). */
    private static final int PERF_CALLS = Integer.getInteger("callbridge.it.perf-calls", 5);

    @RegisterExtension
    static final CreatedResources created = CreatedResources.endToEnd();

    private final CallbridgeApi api = CallbridgeApi.local();

    @Test
    void agentThenJoinUrlThenPhoneCall() {
        String agent = created.agent(Fixtures.callTemplate());

        Reply call = created.placeCall(agent, Fixtures.call());

        assertThat(call.status()).as("%s", call).isEqualTo(201);
        assertThat(call.text()).as("the join URL is a credential: never handed out").doesNotContain("joinUrl");
        assertThat(call.header("Location").orElseThrow()).isEqualTo("/api/v1/calls/" + call.field("callId"));
        assertThat(call.field("twilioCallSid")).startsWith("CA");
        Reply details = api.get(call.header("Location").orElseThrow());
        assertThat(details.status()).as("%s", details).isEqualTo(200);
        assertThat(details.field("callId")).isEqualTo(call.field("callId"));
        assertThat(details.field("twilioCallSid")).isEqualTo(call.field("twilioCallSid"));
        assertThat(details.json().at("/twilio/status").asText()).isNotBlank();
    }

    @Test
    void severalCallsWithTheSameAgentAtOnce() {
        String agent = created.agent(Fixtures.callTemplate());

        List<Reply> calls = concurrently(CONCURRENT_CALLS, i -> created.placeCall(agent, Fixtures.call()));

        assertThat(calls).allSatisfy(c -> assertThat(c.status()).as("%s", c).isEqualTo(201));
        assertThat(calls).extracting(c -> c.field("callId")).doesNotHaveDuplicates();
        assertThat(calls).extracting(c -> c.field("twilioCallSid")).doesNotHaveDuplicates();
        assertThat(calls).extracting(c -> c.field("agentId")).containsOnly(agent);
    }

    @Test
    void complexNestedTemplateContext() {
        String agent = created.agent(Fixtures.callTemplate("You are calling {{customer.name.first}} "
                + "{{customer.name.last}} from {{customer.address.city}} about order {{order.id}} "
                + "({{order.items}}); the note says: {{notes.level1.level2.level3.level4.text}}. Then hang up."));
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        ObjectNode customer = context.putObject("customer");
        customer.putObject("name").put("first", "Zoë").put("last", "O'Brien-Łukasz");
        customer.putObject("address").put("city", "São Paulo").put("zip", "01000-000");
        ObjectNode order = context.putObject("order").put("id", "A-1001").put("total", 129.5).put("paid", true);
        order.putArray("items").addObject().put("sku", "X1").put("qty", 2);
        order.withArray("items").addObject().put("sku", "Y2").put("qty", 1);
        context.putObject("notes").putObject("level1").putObject("level2").putObject("level3").putObject("level4")
                .put("text", "quotes \" <angle> & {{braces}}");

        Reply call = created.placeCall(agent, Fixtures.call(context));

        assertThat(call.status()).as("%s", call).isEqualTo(201);

        ObjectNode tooDeep = JsonNodeFactory.instance.objectNode();
        ObjectNode node = tooDeep;
        for (int level = 0; level < 9; level++) {
            node = node.putObject("l" + level);
        }
        Reply refused = created.placeCall(agent, Fixtures.call(tooDeep));
        assertThat(refused.status()).as("%s", refused).isEqualTo(400);
        assertThat(refused.json().path("errors")).extracting(e -> e.path("field").asText()).contains("templateContext");
    }

    @Test
    void recoversAfterAnInvalidNumber() {
        String agent = created.agent(Fixtures.callTemplate());

        Reply invalid = created.placeCall(agent, Fixtures.call().put("to", "+1 555 01"));
        Reply valid = created.placeCall(agent, Fixtures.call());

        assertThat(invalid.status()).as("%s", invalid).isEqualTo(400);
        assertThat(invalid.field("type")).isEqualTo("https://callbridge.dev/problems/validation");
        assertThat(valid.status()).as("%s", valid).isEqualTo(201);
    }

    @Test
    void updatedAgentIsUsedByTheNextCall() {
        String agent = created.agent(Fixtures.callTemplate());
        assertThat(created.placeCall(agent, Fixtures.call()).status()).isEqualTo(201);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("callTemplate").put("systemPrompt",
                "Remind {{patient.firstName}} of the appointment at {{appointment.time}}, then hang up.");

        Reply updated = api.patch("/api/v1/agents/" + agent, patch);
        ObjectNode context = JsonNodeFactory.instance.objectNode();
        context.putObject("patient").put("firstName", "Maya");
        context.putObject("appointment").put("time", "9:30");
        Reply call = created.placeCall(agent, Fixtures.call(context));

        assertThat(updated.status()).as("%s", updated).isEqualTo(200);
        assertThat(updated.json().at("/callTemplate/systemPrompt").asText()).contains("{{appointment.time}}");
        assertThat(call.status()).as("%s", call).isEqualTo(201);
        if (IntegrationTarget.sandbox()) {
            // The sandbox renders templates strictly: without the new variables the call is refused,
            // which shows the update is what the call ran with.
            Reply missing = created.placeCall(agent, Fixtures.call());
            assertThat(missing.status()).as("%s", missing).isEqualTo(422);
        }
    }

    @Test
    @Tag(SuiteTags.SLOW)
    void sequentialCallPerformance() {
        String agent = created.agent(Fixtures.callTemplate());
        List<Duration> times = new ArrayList<>();

        for (int i = 0; i < PERF_CALLS; i++) {
            Reply call = created.placeCall(agent, Fixtures.call());
            assertThat(call.status()).as("%s", call).isEqualTo(201);
            times.add(call.took());
        }

        report("sequential", times, Duration.ofNanos(times.stream().mapToLong(Duration::toNanos).sum()));
    }

    @Test
    @Tag(SuiteTags.SLOW)
    void concurrentCallPerformance() {
        String agent = created.agent(Fixtures.callTemplate());
        long start = System.nanoTime();

        List<Reply> calls = concurrently(Math.min(PERF_CALLS, CONCURRENT_CALLS), i -> created.placeCall(agent, Fixtures.call()));

        Duration wall = Duration.ofNanos(System.nanoTime() - start);
        assertThat(calls).allSatisfy(c -> assertThat(c.status()).as("%s", c).isEqualTo(201));
        report("concurrent", calls.stream().map(Reply::took).toList(), wall);
    }

    private static List<Reply> concurrently(int count, IntFunction<Reply> call) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<CompletableFuture<Reply>> futures = IntStream.range(0, count)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> call.apply(i), pool)).toList();
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }
    }

    /** Prints the time of each call: a report for people, not an assertion (machines differ). */
    private static void report(String kind, List<Duration> times, Duration wall) {
        String target = IntegrationTarget.current().name().toLowerCase();
        for (int i = 0; i < times.size(); i++) {
            System.out.printf("[perf] %s (%s) call %d: %d ms%n", kind, target, i + 1, times.get(i).toMillis());
        }
        System.out.printf("[perf] %s (%s): %d calls, mean %d ms, max %d ms, wall %d ms%n", kind, target, times.size(),
                times.stream().mapToLong(Duration::toMillis).sum() / Math.max(1, times.size()),
                times.stream().mapToLong(Duration::toMillis).max().orElse(0), wall.toMillis());
    }
}
