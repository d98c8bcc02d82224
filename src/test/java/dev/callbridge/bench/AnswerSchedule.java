package dev.callbridge.bench;

/**
 * Which of the dialled calls the Twilio stub answers: of every run of calls, as close to
 * {@code fraction} of them as whole calls allow (0.3: calls 3, 6 and 9 of each ten, counting from
 * 0), so that the count of answered calls is exact rather than random.
 */
record AnswerSchedule(double fraction) {

    AnswerSchedule {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("The answered fraction must lie in [0, 1], not " + fraction);
        }
    }

    /** Whether the {@code n}-th dialled call (from 0) is answered. */
    boolean answers(long n) {
        return Math.floor((n + 1) * fraction + 1e-9) > Math.floor(n * fraction + 1e-9);
    }
}
