package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Twilio callbacks that arrive before the placement recorded their SID join its timeline later. */
@QuarkusTest
class EarlyCallbacksTest {

    @Inject
    CallTimeline timeline;

    @Inject
    CallLedger ledger;

    private static <T> T await(io.smallrye.mutiny.Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aCallbackBeforeTheDialedRecordIsHeldThenMovedToTheTimeline() {
        String id = UUID.randomUUID().toString();
        String sid = "CA" + id.replace("-", "");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        CallEvent busy = new CallEvent(1, "busy", null, 0, null, at);

        assertThat(await(timeline.twilioStatus(sid, new CallEvent(0, "initiated", null, null, null, at))))
                .isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        assertThat(await(timeline.twilioStatus(sid, busy))).isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
        await(ledger.save(CallPlacement.accepted(id, "agent-1", "+14155550123", "+14155550100", at)
                .ultravoxCreated("uv-" + id, null, at).dialing(at).dialed(sid, "queued", at, at.plusSeconds(3_600))));

        await(timeline.adoptEarlyEvents(sid));

        assertThat(await(ledger.events(id))).extracting(CallEvent::status).containsExactly("initiated", "busy");
        assertThat(await(ledger.find(id)).orElseThrow().twilioStatus()).isEqualTo("busy");
        assertThat(await(ledger.earlyEvents(sid))).isEmpty();
        // Moving them again changes nothing.
        await(timeline.adoptEarlyEvents(sid));
        assertThat(await(ledger.events(id))).hasSize(2);
        // Nobody answered: the agent call is released in the background, which ends the call.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> await(ledger.find(id)).orElseThrow().ended());
        assertThat(await(ledger.find(id)).orElseThrow().conversation().endReason()).isEqualTo("unjoined");
    }
}
