package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.ULTRAVOX;
import static dev.callbridge.sandbox.SandboxVendors.ultravox;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The simulated Ultravox's {@code GET /api/calls} against contracts/ultravox.md: metadata,
 * agent and date filters, newest-first cursor pages in DRF's envelope, the Call JSON of
 * {@code GET /api/calls/{id}}, and DRF's answers to bad parameters.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class UltravoxCallListTest {

    static final String CALLS = ULTRAVOX + "/calls";

    /**
     * A call of {@code agent} with {@code metadata}, once it ended: nobody joins it, and its
     * 1-second join timeout (10 ms at the test speed) ends it, so it is stable and never counts
     * towards the concurrency limit.
     */
    static String endedCall(String agent, Map<String, String> metadata) {
        StringBuilder meta = new StringBuilder();
        metadata.forEach((k, v) -> meta.append(meta.isEmpty() ? "" : ",").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        String callId = ultravox().body("{\"joinTimeout\": \"1s\", \"metadata\": {" + meta + "}}")
                .when().post(ULTRAVOX + "/agents/" + agent + "/calls")
                .then().statusCode(201).extract().path("callId");
        await().atMost(Duration.ofSeconds(5)).until(() -> ultravox().get(ULTRAVOX + "/calls/" + callId)
                .path("endReason") != null);
        return callId;
    }

    static JsonPath list(RequestSpecification request) {
        return request.when().get(CALLS).then().statusCode(200).extract().jsonPath();
    }

    static List<String> ids(RequestSpecification request) {
        return list(request).getList("results.callId");
    }

    @Test
    void metadataFiltersFindACallByPlacementIdAndEveryFilterMustMatch() {
        String agent = UltravoxSandboxTest.createAgent("listed", "x");
        String tag = UUID.randomUUID().toString();
        String p1 = UUID.randomUUID().toString();
        String p2 = UUID.randomUUID().toString();
        String a = endedCall(agent, Map.of("callbridge.placementId", p1, "campaign", tag));
        String b = endedCall(agent, Map.of("callbridge.placementId", p2, "campaign", tag));
        String c = endedCall(agent, Map.of("campaign", tag));

        JsonPath byPlacement = list(ultravox().queryParam("metadata.callbridge.placementId", p1));
        assertThat(byPlacement.getList("results.callId")).containsExactly(a);
        assertThat(byPlacement.getInt("total")).isEqualTo(1);
        assertThat(byPlacement.getString("next")).isNull();
        assertThat(byPlacement.getString("previous")).isNull();
        Map<String, Object> fetched = ultravox().get(ULTRAVOX + "/calls/" + a).then().extract().jsonPath().getMap("$");
        assertThat(byPlacement.getMap("results[0]")).as("the Call JSON of GET /api/calls/{id}").isEqualTo(fetched);

        assertThat(ids(ultravox().queryParam("metadata.campaign", tag))).containsExactly(c, b, a);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("metadata.callbridge.placementId", p2)))
                .containsExactly(b);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag)
                .queryParam("metadata.callbridge.placementId", UUID.randomUUID().toString()))).isEmpty();
        assertThat(ids(ultravox().queryParam("metadata.campaign", "other-" + tag))).isEmpty();

        ultravox().delete(ULTRAVOX + "/calls/" + b).then().statusCode(204);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag))).as("deleted calls are not listed")
                .containsExactly(c, a);
    }

    @Test
    void agentIdsFilterTakesRepeatedAndCommaSeparatedIds() {
        String first = UltravoxSandboxTest.createAgent("first", "x");
        String second = UltravoxSandboxTest.createAgent("second", "x");
        String tag = UUID.randomUUID().toString();
        String one = endedCall(first, Map.of("campaign", tag));
        String two = endedCall(second, Map.of("campaign", tag));

        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("agentIds", first)))
                .containsExactly(one);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("agentIds", first.toUpperCase())))
                .containsExactly(one);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("agentIds", first, second)))
                .containsExactly(two, one);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("agentIds", second + "," + first)))
                .containsExactly(two, one);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag)
                .queryParam("agentIds", UUID.randomUUID().toString()))).isEmpty();
    }

    @Test
    void dateFiltersAreInclusiveAndABareDateCoversItsWholeDay() throws InterruptedException {
        String agent = UltravoxSandboxTest.createAgent("dated", "x");
        String tag = UUID.randomUUID().toString();
        String before = endedCall(agent, Map.of("campaign", tag));
        Thread.sleep(5);
        Instant between = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Thread.sleep(5);
        String after = endedCall(agent, Map.of("campaign", tag));

        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("fromDate", between.toString())))
                .containsExactly(after);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("toDate", between.toString())))
                .containsExactly(before);
        String inParis = between.atOffset(ZoneOffset.ofHours(2)).toString();
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("fromDate", inParis)))
                .as("an offset names the same instant").containsExactly(after);
        String spaced = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC)
                .format(between);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("toDate", spaced)))
                .as("a date-time without offset is UTC").containsExactly(before);

        LocalDate day = Instant.parse(ultravox().get(ULTRAVOX + "/calls/" + before).path("created"))
                .atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("fromDate", day.toString())
                .queryParam("toDate", day.toString()))).contains(before);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("fromDate", day.plusDays(1).toString())))
                .isEmpty();
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("toDate", day.minusDays(1).toString())))
                .isEmpty();
    }

    @Test
    void cursorPagesWalkNewestFirstAndSortCreatedReversesThem() {
        String agent = UltravoxSandboxTest.createAgent("paged", "x");
        String tag = UUID.randomUUID().toString();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(endedCall(agent, Map.of("campaign", tag)));
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        List<String> seen = new ArrayList<>();
        JsonPath page = list(ultravox().queryParam("metadata.campaign", tag).queryParam("pageSize", 2));
        String secondPage = page.getString("next");
        while (true) {
            assertThat(page.getInt("total")).isEqualTo(5);
            seen.addAll(page.getList("results.callId"));
            String next = page.getString("next");
            if (next == null) {
                break;
            }
            assertThat(next).startsWith(SandboxVendors.baseUrl() + CALLS + "?").contains("metadata.campaign=" + tag)
                    .contains("pageSize=2").contains("cursor=");
            page = ultravox().get(next).then().statusCode(200).extract().jsonPath();
        }
        assertThat(seen).containsExactlyElementsOf(newestFirst);

        JsonPath second = ultravox().get(secondPage).then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("results.callId")).containsExactlyElementsOf(newestFirst.subList(2, 4));
        ultravox().get(second.getString("previous")).then().statusCode(200)
                .body("results.callId", equalTo(newestFirst.subList(0, 2))).body("previous", nullValue());

        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("sort", "created")))
                .containsExactlyElementsOf(created);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("sort", "-created")))
                .containsExactlyElementsOf(newestFirst);
        assertThat(ids(ultravox().queryParam("metadata.campaign", tag).queryParam("pageSize", "lots")))
                .as("DRF ignores a page size it cannot read").containsExactlyElementsOf(newestFirst);
    }

    @Test
    void badFiltersAnswerDrfFieldErrorsBeforeABadCursorAnswers404() {
        ultravox().queryParam("fromDate", "yesterday").queryParam("toDate", "2026-13-01").queryParam("agentIds", "nope")
                .when().get(CALLS)
                .then().statusCode(400)
                .body("fromDate", equalTo(List.of("Enter a valid date/time.")))
                .body("toDate", equalTo(List.of("Enter a valid date/time.")))
                .body("agentIds", equalTo(List.of("Enter a valid UUID.")));
        ultravox().queryParam("cursor", "bogus").when().get(CALLS)
                .then().statusCode(404).body("detail", equalTo("Invalid cursor"));
        ultravox().queryParam("cursor", "bogus").queryParam("fromDate", "yesterday").when().get(CALLS)
                .then().statusCode(400).body("fromDate[0]", equalTo("Enter a valid date/time."));
        given().when().get(CALLS).then().statusCode(401)
                .body("detail", equalTo("Authentication credentials were not provided."));
    }
}
