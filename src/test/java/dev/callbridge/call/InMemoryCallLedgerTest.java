package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callbridge.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The memory ledger's bounds: what only it does. */
class InMemoryCallLedgerTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    @Test
    void forgetsTheOldestBeyondItsSizeAlsoByCallId() {
        InMemoryCallLedger ledger = new InMemoryCallLedger(3, Duration.ofHours(1), clock);
        for (int i = 1; i <= 5; i++) {
            ledger.save(created("p" + i)).await().indefinitely();
        }

        assertThat(ledger.size()).isEqualTo(3);
        assertThat(ledger.find("p1").await().indefinitely()).isEmpty();
        assertThat(ledger.find("uv-p1").await().indefinitely()).isEmpty();
        assertThat(ledger.find("p2").await().indefinitely()).isEmpty();
        assertThat(ledger.find("p3").await().indefinitely()).isPresent();
        assertThat(ledger.find("uv-p5").await().indefinitely()).isPresent();
    }

    @Test
    void forgetsPlacementsOlderThanTheirTimeToLive() {
        InMemoryCallLedger ledger = new InMemoryCallLedger(10, Duration.ofMinutes(10), clock);
        ledger.save(created("old")).await().indefinitely();
        clock.advance(Duration.ofMinutes(6));
        ledger.save(created("young")).await().indefinitely();
        clock.advance(Duration.ofMinutes(5));

        assertThat(ledger.find("old").await().indefinitely()).isEmpty();
        assertThat(ledger.find("uv-old").await().indefinitely()).isEmpty();
        assertThat(ledger.find("young").await().indefinitely()).isPresent();
        assertThat(ledger.size()).isEqualTo(1);
    }

    @Test
    void aLaterStepKeepsThePlacementsPlaceInTheEvictionOrder() {
        InMemoryCallLedger ledger = new InMemoryCallLedger(2, Duration.ofMinutes(10), clock);
        ledger.save(created("a")).await().indefinitely();
        ledger.save(created("b")).await().indefinitely();
        ledger.save(created("a").dialing(Instant.EPOCH)).await().indefinitely();
        ledger.save(created("c")).await().indefinitely();

        assertThat(ledger.find("a").await().indefinitely()).isEmpty();
        assertThat(ledger.find("b").await().indefinitely()).isPresent();
        assertThat(ledger.size()).isEqualTo(2);
    }

    @Test
    void aCallIdReusedByALaterPlacementFindsTheLaterOneAndSurvivesTheEarliersEviction() {
        InMemoryCallLedger ledger = new InMemoryCallLedger(2, Duration.ofMinutes(10), clock);
        ledger.save(CallPlacement.accepted("first", "agent", "+14155550123", "+14155550100", Instant.EPOCH)
                .ultravoxCreated("uv-same", null, Instant.EPOCH)).await().indefinitely();
        ledger.save(CallPlacement.accepted("second", "agent", "+14155550123", "+14155550100", Instant.EPOCH)
                .ultravoxCreated("uv-same", null, Instant.EPOCH)).await().indefinitely();
        ledger.save(created("third")).await().indefinitely();

        assertThat(ledger.find("uv-same").await().indefinitely()).get()
                .extracting(CallPlacement::placementId).isEqualTo("second");
    }

    private static CallPlacement created(String id) {
        return CallPlacement.accepted(id, "agent", "+14155550123", "+14155550100", Instant.EPOCH)
                .ultravoxCreated("uv-" + id, null, Instant.EPOCH);
    }

    @Test
    void keepsABoundedTimelinePerCallAndForgetsItWithItsPlacement() {
        InMemoryCallLedger ledger = new InMemoryCallLedger(1, Duration.ofHours(1), clock);
        ledger.save(CallLedgerContract.dialed("p1")).await().indefinitely();
        for (int i = 0; i < InMemoryCallLedger.MAX_EVENTS_PER_CALL; i++) {
            assertThat(ledger.recordEvent("CA-p1", CallLedgerContract.event(i, "ringing")).await().indefinitely().outcome())
                    .isEqualTo(CallEvent.Outcome.RECORDED);
        }
        assertThat(ledger.recordEvent("CA-p1", CallLedgerContract.event(99, "completed")).await().indefinitely().outcome())
                .isEqualTo(CallEvent.Outcome.DUPLICATE);
        assertThat(ledger.events("p1").await().indefinitely()).hasSize(InMemoryCallLedger.MAX_EVENTS_PER_CALL);

        ledger.save(CallLedgerContract.dialed("p2")).await().indefinitely();

        assertThat(ledger.events("p1").await().indefinitely()).isEmpty();
        assertThat(ledger.recordEvent("CA-p1", CallLedgerContract.event(0, "ringing")).await().indefinitely().outcome())
                .isEqualTo(CallEvent.Outcome.UNKNOWN_CALL);
    }
}
