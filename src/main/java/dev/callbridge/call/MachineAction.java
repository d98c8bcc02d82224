package dev.callbridge.call;

/** What Callbridge did about the first answering-machine detection result of a call. */
enum MachineAction {
    /** Nothing: a human or an undecided result, detection off, or the call was over. */
    NONE("none"),
    /** The call was hung up on (a machine under {@code hang-up}, a fax). */
    HUNG_UP("hung-up"),
    /** The placement's voicemail message was played to the machine, then the call ended. */
    MESSAGE("message"),
    /**
     * The agent was told that a machine answered and its beep sounded (a machine under
     * {@code leave-message} without a message of the placement's): it leaves its own.
     */
    AGENT_TOLD("agent-told"),
    /** Twilio refused or did not answer the hang-up or the message, or Ultravox the agent's cue. */
    FAILED("failed");

    private final String tag;

    MachineAction(String tag) {
        this.tag = tag;
    }

    /** The metric tag. */
    String tag() {
        return tag;
    }
}
