package dev.callbridge.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link DoNotCallList} does, whichever store keeps it. */
abstract class DoNotCallListContract {

    static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

    abstract DoNotCallList list();

    static <T> T await(Uni<T> uni) {
        return uni.await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void anAddedNumberIsFoundAndAddingItAgainKeepsTheFirstEntry() {
        assertThat(await(list().add(new DoNotCallEntry("+14155550123", T0), 10))).isEqualTo(DoNotCallList.Added.ADDED);
        assertThat(await(list().add(new DoNotCallEntry("+14155550123", T0.plusSeconds(60)), 10)))
                .isEqualTo(DoNotCallList.Added.ALREADY_LISTED);

        assertThat(await(list().find("+14155550123"))).contains(new DoNotCallEntry("+14155550123", T0));
        assertThat(await(list().find("+14155550124"))).isEmpty();
    }

    @Test
    void aFullListRefusesNewNumbersButNotOnesListedAlready() {
        await(list().add(new DoNotCallEntry("+14155550101", T0), 2));
        await(list().add(new DoNotCallEntry("+14155550102", T0), 2));

        assertThat(await(list().add(new DoNotCallEntry("+14155550103", T0), 2))).isEqualTo(DoNotCallList.Added.FULL);
        assertThat(await(list().add(new DoNotCallEntry("+14155550101", T0), 2)))
                .isEqualTo(DoNotCallList.Added.ALREADY_LISTED);
        assertThat(await(list().find("+14155550103"))).isEmpty();
    }

    @Test
    void aRemovedNumberIsNoLongerListedAndRemovingItAgainSaysSo() {
        await(list().add(new DoNotCallEntry("+14155550123", T0), 10));

        assertThat(await(list().remove("+14155550123"))).isTrue();
        assertThat(await(list().find("+14155550123"))).isEmpty();
        assertThat(await(list().remove("+14155550123"))).isFalse();
    }

    @Test
    void pagesFollowNumberOrderFromJustAfterTheCursor() {
        for (String number : new String[] {"+447700900123", "+14155550102", "+14155550101", "+4930123456"}) {
            await(list().add(new DoNotCallEntry(number, T0), 10));
        }

        assertThat(await(list().list(null, 2))).extracting(DoNotCallEntry::number)
                .containsExactly("+14155550101", "+14155550102");
        assertThat(await(list().list("+14155550102", 10))).extracting(DoNotCallEntry::number)
                .containsExactly("+447700900123", "+4930123456");
        assertThat(await(list().list("+4930123456", 10))).isEmpty();
    }
}
