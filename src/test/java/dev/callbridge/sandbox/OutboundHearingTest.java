package dev.callbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What the callee heard stays bounded however often a long call is redirected. */
class OutboundHearingTest {

    private final SimulatedTwilioCall machine = new SimulatedTwilioCall(1, "CA" + "1".repeat(32), "AC" + "1".repeat(32),
            MagicNumbers.ANSWERING_MACHINE, SandboxCredentials.TWILIO_PHONE_NUMBER, Instant.now(),
            new SimulatedTwilioCall.Options(null, "POST", Set.of(), 60, null, null, null,
                    MagicNumbers.Behaviour.ANSWERING_MACHINE, null));

    @Test
    void theFirstHundredTextsAreKeptAndTheRestOnlyCounted() {
        OutboundHearing hearing = machine.hearing();
        IntStream.rangeClosed(1, OutboundHearing.MAX_TEXTS).forEach(n -> hearing.played(say(n), true));
        ObjectNode full = hearing.toJson(machine);
        assertThat(full.at("/heard/say")).hasSize(OutboundHearing.MAX_TEXTS);
        assertThat(full.at("/heard/truncated").booleanValue()).isFalse();

        IntStream.rangeClosed(OutboundHearing.MAX_TEXTS + 1, 3 * OutboundHearing.MAX_TEXTS)
                .forEach(n -> hearing.played(say(n), true));
        ObjectNode json = hearing.toJson(machine);
        JsonNode said = json.at("/heard/say");
        assertThat(said).hasSize(OutboundHearing.MAX_TEXTS);
        assertThat(said.get(0).asText()).isEqualTo("Message 1");
        assertThat(said.get(OutboundHearing.MAX_TEXTS - 1).asText()).isEqualTo("Message " + OutboundHearing.MAX_TEXTS);
        assertThat(json.at("/voicemail/recorded")).hasSize(OutboundHearing.MAX_TEXTS);
        assertThat(json.at("/heard/truncated").booleanValue()).isTrue();
    }

    private static TwimlReader.Instructions say(int n) {
        return new TwimlReader.Instructions(null, "Message " + n, null, null);
    }
}
