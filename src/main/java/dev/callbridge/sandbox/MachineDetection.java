package dev.callbridge.sandbox;

/**
 * What a create request asked of Twilio's answering-machine detection (AMD).
 *
 * @param mode           {@code Enable} or {@code DetectMessageEnd}
 * @param async          whether the call's instructions start at once and the result is reported
 *                       to {@code callback} ({@code AsyncAmd=true}), or wait for it
 * @param callback       the {@code AsyncAmdStatusCallback}, or null for none (the result is then
 *                       only on the call resource, as Twilio's warning 21262 says)
 * @param callbackMethod {@code POST} or {@code GET}
 * @param timeoutSeconds {@code MachineDetectionTimeout}: when detection gives up with {@code unknown}
 */
record MachineDetection(Mode mode, boolean async, String callback, String callbackMethod, int timeoutSeconds) {

    /** Twilio's default {@code MachineDetectionTimeout}. */
    static final int DEFAULT_TIMEOUT = 30;
    static final int MIN_TIMEOUT = 3;
    static final int MAX_TIMEOUT = 59;

    /** The two values of {@code MachineDetection}, in Twilio's spelling. */
    enum Mode {
        /** Reports as soon as the callee is told apart: a machine is {@code machine_start}. */
        ENABLE("Enable"),
        /** Reports a machine only once its greeting ended: {@code machine_end_beep}. */
        DETECT_MESSAGE_END("DetectMessageEnd");

        private final String twilioName;

        Mode(String twilioName) {
            this.twilioName = twilioName;
        }

        String twilioName() {
            return twilioName;
        }
    }
}
