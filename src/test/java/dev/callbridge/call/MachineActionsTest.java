package dev.callbridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which action each detection result gets under each setting, and how Twilio's values are read. */
class MachineActionsTest {

    private static CallPlacement.Connection connection(MachineDetection detection, String message) {
        return new CallPlacement.Connection(ConnectMode.INLINE, detection, message, null, null, null);
    }

    @Test
    void twiliosValuesFallInFourClasses() {
        assertThat(AnsweredBy.of("human")).isEqualTo(AnsweredBy.HUMAN);
        assertThat(AnsweredBy.of("machine_start")).isEqualTo(AnsweredBy.MACHINE);
        assertThat(AnsweredBy.of("machine_end_beep")).isEqualTo(AnsweredBy.MACHINE);
        assertThat(AnsweredBy.of("machine_end_silence")).isEqualTo(AnsweredBy.MACHINE);
        assertThat(AnsweredBy.of("machine_end_other")).isEqualTo(AnsweredBy.MACHINE);
        assertThat(AnsweredBy.of("fax")).isEqualTo(AnsweredBy.FAX);
        assertThat(AnsweredBy.of("unknown")).isEqualTo(AnsweredBy.UNKNOWN);
        // A value Twilio might add is acted on as undecided, even one that looks like a machine's.
        assertThat(AnsweredBy.of("machine_end_music")).isEqualTo(AnsweredBy.UNKNOWN);
        assertThat(AnsweredBy.of(null)).isEqualTo(AnsweredBy.UNKNOWN);
    }

    @Test
    void hangUpEndsMachinesAndFaxesOnly() {
        CallPlacement.Connection hangUp = connection(MachineDetection.HANG_UP, null);

        assertThat(MachineAnswers.planned(hangUp, AnsweredBy.MACHINE)).isEqualTo(MachineAction.HUNG_UP);
        assertThat(MachineAnswers.planned(hangUp, AnsweredBy.FAX)).isEqualTo(MachineAction.HUNG_UP);
        assertThat(MachineAnswers.planned(hangUp, AnsweredBy.HUMAN)).isEqualTo(MachineAction.NONE);
        assertThat(MachineAnswers.planned(hangUp, AnsweredBy.UNKNOWN)).isEqualTo(MachineAction.NONE);
    }

    @Test
    void leaveMessagePlaysTheMessageToAMachineOrLeavesItToTheAgent() {
        CallPlacement.Connection withMessage = connection(MachineDetection.LEAVE_MESSAGE, "Call us back.");
        CallPlacement.Connection withoutMessage = connection(MachineDetection.LEAVE_MESSAGE, null);

        assertThat(MachineAnswers.planned(withMessage, AnsweredBy.MACHINE)).isEqualTo(MachineAction.MESSAGE);
        assertThat(MachineAnswers.planned(withoutMessage, AnsweredBy.MACHINE)).isEqualTo(MachineAction.AGENT_TOLD);
        assertThat(MachineAnswers.planned(withMessage, AnsweredBy.FAX)).isEqualTo(MachineAction.HUNG_UP);
        assertThat(MachineAnswers.planned(withMessage, AnsweredBy.HUMAN)).isEqualTo(MachineAction.NONE);
    }

    @Test
    void withDetectionOffNothingIsDone() {
        for (AnsweredBy who : AnsweredBy.values()) {
            assertThat(MachineAnswers.planned(connection(MachineDetection.OFF, null), who)).isEqualTo(MachineAction.NONE);
        }
    }
}
