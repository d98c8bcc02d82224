package dev.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callbridge.phone.PhoneNumbers;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PlacementNumbersTest {

    @Test
    void everyPlacementOfAPhaseHasANumberOfItsOwn() {
        Set<String> numbers = IntStream.range(0, PlacementNumbers.CAPACITY).mapToObj(PlacementNumbers::to)
                .collect(Collectors.toSet());

        assertThat(numbers).hasSize(PlacementNumbers.CAPACITY);
    }

    @Test
    void everyNumberPassesCallbridgesNumberCheckUnchanged() {
        // Every 7th, and each area code's first and last: Callbridge answers E.164, which the
        // Twilio stub matches its records by.
        IntStream.concat(IntStream.iterate(0, i -> i < PlacementNumbers.CAPACITY, i -> i + 7),
                IntStream.of(9_999, 10_000, 19_999, 20_000, 29_999, 30_000, 39_999, 40_000, 49_999, 50_000,
                        PlacementNumbers.CAPACITY - 1))
                .mapToObj(PlacementNumbers::to)
                .forEach(number -> assertThat(PhoneNumbers.toE164(number)).isEqualTo(number));
    }

    @Test
    void aPhaseCannotHaveMorePlacementsThanNumbers() {
        assertThatThrownBy(() -> PlacementNumbers.to(PlacementNumbers.CAPACITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings.ConnectPhase(200, PlacementNumbers.CAPACITY, 3, 0.3, 1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bench.connectSeconds");
    }
}
