package dev.callbridge.sandbox;

import static dev.callbridge.sandbox.SandboxVendors.TWILIO_CALLS;
import static dev.callbridge.sandbox.SandboxVendors.connectStream;
import static dev.callbridge.sandbox.SandboxVendors.twilio;
import static dev.callbridge.sandbox.SandboxVendors.twilioCall;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The simulated Twilio's {@code GET .../Calls.json} against contracts/twilio.md (2.6 and 2.2):
 * filters, newest {@code date_created} first, page tokens, the list envelope with relative page
 * URIs, the fetch JSON of each call, and Twilio's answers to bad parameters.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class TwilioCallListTest {

    static final String FROM = SandboxCredentials.TWILIO_PHONE_NUMBER;
    static final String ACCOUNT_PATH = "/2010-04-01/Accounts/" + SandboxCredentials.TWILIO_ACCOUNT_SID;
    static final DateTimeFormatter SDK_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** A San Francisco number no other test dials, so a {@code To} filter isolates this test's calls. */
    static String freshNumber() {
        return "+1415" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
    }

    /**
     * A call to {@code to}, once it ended: its stream leads nowhere, so it completes after one
     * simulated second of talk (tens of milliseconds here) and never holds a concurrency slot.
     */
    static String endedCall(String to) {
        String sid = TwilioSandboxTest.create(to, TwilioSandboxTest.TWIML).when().post(TWILIO_CALLS)
                .then().statusCode(201).extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).until(() -> "completed".equals(twilio().get(twilioCall(sid)).path("status")));
        return sid;
    }

    static JsonPath list(RequestSpecification request) {
        return request.when().get(TWILIO_CALLS).then().statusCode(200).extract().jsonPath();
    }

    static List<String> sids(RequestSpecification request) {
        return list(request).getList("calls.sid");
    }

    /** Follows a page URI of an answer, which is relative to the API host and already encoded. */
    static JsonPath follow(String pageUri) {
        return twilio().urlEncodingEnabled(false).when().get("/sandbox/twilio" + pageUri)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void filtersByToAndFromNewestFirstWithTheFetchJson() {
        String to = freshNumber();
        String first = endedCall(to);
        String second = endedCall(to);
        String third = endedCall(to);

        JsonPath page = list(twilio().queryParam("To", to));
        assertThat(page.getList("calls.sid")).containsExactly(third, second, first);
        for (int i = 0; i < 3; i++) {
            Map<String, Object> fetched = twilio().get(twilioCall(page.getString("calls[" + i + "].sid")))
                    .then().extract().jsonPath().getMap("$");
            assertThat(page.getMap("calls[" + i + "]")).as("the fetch JSON of call %d", i).isEqualTo(fetched);
        }
        String uri = ACCOUNT_PATH + "/Calls.json?To=%2B" + to.substring(1) + "&PageSize=50&Page=0";
        assertThat(page.getInt("page")).isZero();
        assertThat(page.getInt("page_size")).isEqualTo(50);
        assertThat(page.getInt("start")).isZero();
        assertThat(page.getInt("end")).isEqualTo(2);
        assertThat(page.getString("uri")).isEqualTo(uri);
        assertThat(page.getString("first_page_uri")).isEqualTo(uri);
        assertThat(page.getString("next_page_uri")).isNull();
        assertThat(page.getString("previous_page_uri")).isNull();

        assertThat(sids(twilio().queryParam("To", to).queryParam("From", FROM))).containsExactly(third, second, first);
        assertThat(sids(twilio().queryParam("To", to).queryParam("From", "+14155550999"))).isEmpty();
        assertThat(sids(twilio().queryParam("To", freshNumber()))).isEmpty();
        assertThat(sids(twilio().queryParam("From", FROM).queryParam("PageSize", 1000))).contains(first, second, third);
        assertThat(sids(twilio().queryParam("To", to).queryParam("ParentCallSid", "CA" + "0".repeat(32)))).isEmpty();
    }

    @Test
    void statusFilterFollowsTheCallThroughItsLifecycle() {
        String[] agentCall = TwilioSandboxTest.ultravoxCall();
        String sid = TwilioSandboxTest.create(MagicNumbers.TALKS_UNTIL_HUNG_UP, connectStream(agentCall[1]))
                .when().post(TWILIO_CALLS).then().statusCode(201).extract().path("sid");
        await().atMost(Duration.ofSeconds(5)).until(() -> "in-progress".equals(twilio().get(twilioCall(sid)).path("status")));
        RequestSpecification live = twilio().queryParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP);
        assertThat(sids(live.queryParam("Status", "in-progress"))).contains(sid);
        assertThat(sids(twilio().queryParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP).queryParam("Status", "completed")))
                .doesNotContain(sid);
        assertThat(sids(twilio().queryParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP).queryParam("EndTime>",
                LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()))).as("no end time yet").doesNotContain(sid);

        twilio().formParam("Status", "completed").when().post(twilioCall(sid)).then().statusCode(200);
        assertThat(sids(twilio().queryParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP).queryParam("Status", "completed")))
                .contains(sid);
        assertThat(sids(twilio().queryParam("To", MagicNumbers.TALKS_UNTIL_HUNG_UP).queryParam("Status", "in-progress")))
                .doesNotContain(sid);
    }

    @Test
    void pageTokensWalkEveryCallOnceAndStayPutWhenNewCallsArrive() {
        String to = freshNumber();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(endedCall(to));
        }
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);

        JsonPath first = list(twilio().queryParam("To", to).queryParam("PageSize", 2));
        assertThat(first.getList("calls.sid")).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.getString("previous_page_uri")).isNull();
        String next = first.getString("next_page_uri");
        assertThat(next).startsWith(ACCOUNT_PATH + "/Calls.json?To=%2B" + to.substring(1) + "&PageSize=2&Page=1&PageToken=PA");

        String later = endedCall(to);
        JsonPath second = follow(next);
        assertThat(second.getList("calls.sid")).as("a newer call does not shift a token's page")
                .containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(second.getInt("page")).isEqualTo(1);
        assertThat(second.getInt("start")).isEqualTo(2);
        assertThat(second.getInt("end")).isEqualTo(3);
        assertThat(second.getString("uri")).isEqualTo(next);
        assertThat(second.getString("first_page_uri"))
                .isEqualTo(ACCOUNT_PATH + "/Calls.json?To=%2B" + to.substring(1) + "&PageSize=2&Page=0");

        JsonPath third = follow(second.getString("next_page_uri"));
        assertThat(third.getList("calls.sid")).containsExactly(newestFirst.get(4));
        assertThat(third.getString("next_page_uri")).isNull();
        JsonPath back = follow(third.getString("previous_page_uri"));
        assertThat(back.getList("calls.sid")).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(follow(back.getString("previous_page_uri")).getList("calls.sid"))
                .containsExactlyElementsOf(newestFirst.subList(0, 2));

        assertThat(sids(twilio().queryParam("To", to).queryParam("PageSize", 2).queryParam("Page", 1)))
                .as("Page alone pages by offset, the newer call included").containsExactly(newestFirst.get(1),
                        newestFirst.get(2));
        assertThat(sids(twilio().queryParam("To", to))).first().isEqualTo(later);
    }

    @Test
    void startAndEndTimeFiltersTakeDatesAndTheSdksDateTimes() throws InterruptedException {
        String to = freshNumber();
        String early = endedCall(to);
        Instant earlyStart = ZonedDateTime.parse(twilio().get(twilioCall(early)).path("start_time"),
                TwilioSandboxTest.RFC_2822).toInstant();
        Instant boundary = earlyStart.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), boundary).toMillis() + 5));
        String late = endedCall(to);

        String at = SDK_DATE_TIME.format(boundary);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime>", at))).containsExactly(late);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime<", at))).containsExactly(early);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime>", at + "Z"))).containsExactly(late);

        LocalDate day = earlyStart.atOffset(ZoneOffset.UTC).toLocalDate();
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime", day.toString()))).contains(early);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime>", day.toString()))).contains(early);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime<", day.toString()))).isEmpty();
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime>", day.plusDays(1).toString()))).isEmpty();
        assertThat(sids(twilio().queryParam("To", to).queryParam("EndTime", day.toString()))).contains(early);
        assertThat(sids(twilio().queryParam("To", to).queryParam("StartTime", day.minusDays(1).toString()))).isEmpty();
    }

    @Test
    void badParametersAnswer400AndOtherAccountsAre401() {
        for (Map.Entry<String, String> bad : Map.of("PageSize", "0", "Page", "-1", "Status", "ringing-ish",
                "StartTime>", "06/07/2009", "EndTime", "tomorrow", "PageToken", "PAxyz").entrySet()) {
            twilio().queryParam(bad.getKey(), bad.getValue()).when().get(TWILIO_CALLS)
                    .then().statusCode(400).body("code", equalTo(21200)).body("status", equalTo(400))
                    .body("more_info", equalTo("https://www.twilio.com/docs/errors/21200"));
        }
        twilio().queryParam("PageSize", 1001).when().get(TWILIO_CALLS).then().statusCode(400);
        twilio().queryParam("PageSize", "many").when().get(TWILIO_CALLS).then().statusCode(400);
        given().when().get(TWILIO_CALLS).then().statusCode(401).body("code", equalTo(20003));
        twilio().when().get("/sandbox/twilio/2010-04-01/Accounts/AC11111111111111111111111111111111/Calls.json")
                .then().statusCode(401).body("code", equalTo(20003));
    }
}
