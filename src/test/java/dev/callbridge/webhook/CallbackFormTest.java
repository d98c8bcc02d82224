package dev.callbridge.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callbridge.http.ApiProblemException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounds and decoding of a callback body. */
class CallbackFormTest {

    @Test
    void decodesFieldsExactlyAsSent() {
        assertThat(CallbackForm.parse("To=%2B14155552671&Timestamp=Sun%2C+01+Jun+2025+12%3A00%3A31+%2B0000&Empty="
                + "&Padded=+a+"))
                .containsEntry("To", "+14155552671")
                .containsEntry("Timestamp", "Sun, 01 Jun 2025 12:00:31 +0000")
                .containsEntry("Empty", "")
                .containsEntry("Padded", " a ");
    }

    @Test
    void refusesARepeatedField() {
        assertThatThrownBy(() -> CallbackForm.parse("CallStatus=ringing&CallStatus=completed"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("CallStatus");
    }

    @Test
    void refusesTooManyFieldsAndTooManyBytes() {
        String many = IntStream.range(0, CallbackForm.MAX_FIELDS + 1).mapToObj(i -> "F" + i + "=1")
                .collect(Collectors.joining("&"));
        assertThatThrownBy(() -> CallbackForm.parse(many))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> CallbackForm.parse("A=" + "x".repeat(CallbackForm.MAX_BYTES)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> CallbackForm.checkLength(Integer.toString(CallbackForm.MAX_BYTES + 1)))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(413));
        CallbackForm.checkLength(Integer.toString(CallbackForm.MAX_BYTES));
    }

    @Test
    void refusesABrokenEncoding() {
        assertThatThrownBy(() -> CallbackForm.parse("CallSid=%zz"))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
