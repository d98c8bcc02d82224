package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallReader;
import com.twilio.security.RequestValidator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import dev.callbridge.testing.CallbackReceiver;
import dev.callbridge.testing.CallbackReceiver.Received;
import dev.callbridge.testing.WireMockVendors;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The real Twilio SDK against the simulated Twilio: it parses the sandbox's answers (SIDs,
 * enums, RFC 2822 dates, error bodies, list pages), and the SDK's own RequestValidator accepts
 * the signatures of the status callbacks the sandbox sends.
 */
@QuarkusTest
@TestProfile(SandboxProfile.class)
@WithTestResource(value = WireMockVendors.class, scope = TestResourceScope.GLOBAL)
class TwilioSdkAgainstSandboxTest {

    static final PhoneNumber FROM = new PhoneNumber(SandboxCredentials.TWILIO_PHONE_NUMBER);

    final TwilioRestClient client = SandboxVendors.twilioSdk();
    final RequestValidator validator = new RequestValidator(SandboxCredentials.TWILIO_AUTH_TOKEN);

    @Test
    void sdkCreatesFetchesAndReceivesSignedStatusCallbacks() throws Exception {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            String callbackUrl = receiver.baseUrl() + "/twilio/status?tenant=a&x=1";
            Call call = Call.creator(new PhoneNumber("+14155550123"), FROM, new Twiml(SandboxVendors.connectStream(uv[1])))
                    .setStatusCallback(URI.create(callbackUrl))
                    .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .create(client);
            assertThat(call.getSid()).matches("^CA[0-9a-f]{32}$");
            assertThat(call.getStatus()).isEqualTo(Call.Status.QUEUED);
            assertThat(call.getDateCreated()).isNotNull().isAfter(ZonedDateTime.now().minusMinutes(1));

            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 4);
            List<Received> callbacks = receiver.received().stream()
                    .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.params().get("SequenceNumber"))))
                    .toList();
            assertThat(callbacks).extracting(r -> r.params().get("CallStatus"))
                    .containsExactly("initiated", "ringing", "in-progress", "completed");
            for (Received r : callbacks) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.url()).isEqualTo(callbackUrl);
                assertThat(validator.validate(r.url(), r.params(), r.header("X-Twilio-Signature")))
                        .as("signature of %s", r.params().get("CallStatus")).isTrue();
                assertThat(r.params()).containsEntry("CallSid", call.getSid())
                        .containsEntry("AccountSid", SandboxCredentials.TWILIO_ACCOUNT_SID)
                        .containsEntry("Direction", "outbound-api").containsEntry("To", "+14155550123");
            }
            assertThat(callbacks.get(3).params()).containsEntry("CallDuration", "6").containsEntry("Duration", "1");
            Received last = callbacks.get(3);
            assertThat(validator.validate(last.url(), last.params(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
            assertThat(new RequestValidator("another-token").validate(last.url(), last.params(),
                    last.header("X-Twilio-Signature"))).isFalse();

            Call fetched = Call.fetcher(call.getSid()).fetch(client);
            assertThat(fetched.getStatus()).isEqualTo(Call.Status.COMPLETED);
            assertThat(fetched.getDuration()).isEqualTo("6");
            assertThat(fetched.getEndTime()).isNotNull();
        }
    }

    @Test
    void onlyCompletedIsSentWithoutEventsAndGetCallbacksAreSignedOverTheUrl() throws Exception {
        try (CallbackReceiver receiver = CallbackReceiver.start()) {
            String callbackUrl = receiver.baseUrl() + "/status";
            Call.creator(new PhoneNumber(MagicNumbers.BUSY), FROM, new Twiml(TwilioSandboxTest.TWIML))
                    .setStatusCallback(URI.create(callbackUrl))
                    .setStatusCallbackMethod(HttpMethod.GET)
                    .create(client);
            await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
            Received r = receiver.received().get(0);
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.params()).containsEntry("CallStatus", "busy").doesNotContainKey("CallDuration");
            assertThat(validator.validate(r.url(), java.util.Map.of(), r.header("X-Twilio-Signature"))).isTrue();
            Thread.sleep(100);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void sdkSurfacesSandboxErrorsAsApiExceptions() {
        assertThatThrownBy(() -> Call.creator(new PhoneNumber(MagicNumbers.UNROUTABLE), FROM,
                new Twiml(TwilioSandboxTest.TWIML)).create(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(21214);
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getMoreInfo()).isEqualTo("https://www.twilio.com/docs/errors/21214");
                });
        TwilioRestClient wrong = new TwilioRestClient.Builder(SandboxCredentials.TWILIO_ACCOUNT_SID, "wrong-token")
                .httpClient(new SandboxVendors.Redirected(SandboxVendors.baseUrl() + "/sandbox/twilio")).build();
        assertThatThrownBy(() -> Call.fetcher("CA" + "0".repeat(32)).fetch(wrong))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(20003);
                    assertThat(e.getStatusCode()).isEqualTo(401);
                });
        assertThatThrownBy(() -> Call.fetcher("CA" + "0".repeat(32)).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20404));
    }

    @Test
    void sdkRetriesTheFailsOnceNumberIntoASuccess() {
        // The SDK repeats a 5xx on its own; the second attempt is accepted. Callbridge must
        // switch those retries off for call creation: this shows why.
        Call call = Call.creator(new PhoneNumber(MagicNumbers.FAILS_ONCE), FROM, new Twiml(TwilioSandboxTest.TWIML))
                .create(client);
        assertThat(call.getStatus()).isEqualTo(Call.Status.QUEUED);
    }

    @Test
    void sdkReadsFilteredPagesOfTheCallListAndFollowsTheirUris() {
        PhoneNumber to = new PhoneNumber(TwilioCallListTest.freshNumber());
        ZonedDateTime before = ZonedDateTime.now().minusSeconds(2);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Call call = Call.creator(to, FROM, new Twiml(TwilioSandboxTest.TWIML)).create(client);
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Call.fetcher(call.getSid()).fetch(client).getStatus() == Call.Status.COMPLETED);
            newestFirst.add(0, call.getSid());
        }

        Page<Call> all = Call.reader().setTo(to).setFrom(FROM).setPageSize(20L).firstPage(client);
        assertThat(all.getRecords()).extracting(Call::getSid).containsExactlyElementsOf(newestFirst);
        assertThat(all.getRecords()).allSatisfy(call -> {
            assertThat(call.getTo()).isEqualTo(to.toString());
            assertThat(call.getStatus()).isEqualTo(Call.Status.COMPLETED);
            assertThat(call.getStartTime()).isAfter(before);
        });
        assertThat(all.getPageSize()).isEqualTo(20);
        assertThat(all.hasNextPage()).isFalse();

        CallReader reader = Call.reader().setTo(to).setPageSize(2L);
        Page<Call> first = reader.firstPage(client);
        assertThat(first.getRecords()).extracting(Call::getSid).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.hasNextPage()).isTrue();
        Page<Call> second = reader.nextPage(first, client);
        assertThat(second.getRecords()).extracting(Call::getSid).containsExactly(newestFirst.get(2));
        assertThat(second.hasNextPage()).isFalse();
        assertThat(reader.previousPage(second, client).getRecords()).extracting(Call::getSid)
                .containsExactlyElementsOf(newestFirst.subList(0, 2));

        List<String> read = new ArrayList<>();
        Call.reader().setTo(to).setStartTimeAfter(before).setStatus(Call.Status.COMPLETED).setPageSize(2L)
                .read(client).forEach(call -> read.add(call.getSid()));
        assertThat(read).as("the ResourceSet pages on its own").containsExactlyElementsOf(newestFirst);
        assertThat(Call.reader().setTo(to).setStatus(Call.Status.RINGING).firstPage(client).getRecords()).isEmpty();
    }

    @Test
    void sdkHangsUpALiveCall() {
        String[] uv = TwilioSandboxTest.ultravoxCall();
        Call call = Call.creator(new PhoneNumber(MagicNumbers.TALKS_UNTIL_HUNG_UP), FROM,
                new Twiml(SandboxVendors.connectStream(uv[1]))).create(client);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Call.fetcher(call.getSid()).fetch(client).getStatus() == Call.Status.IN_PROGRESS);
        Call ended = Call.updater(call.getSid()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
        assertThat(ended.getStatus()).isEqualTo(Call.Status.COMPLETED);
    }
}
