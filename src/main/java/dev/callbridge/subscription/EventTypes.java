package dev.callbridge.subscription;

import java.util.List;

/** The call events an application can subscribe to. */
public final class EventTypes {

    /** Every type, in the order they happen to a call ({@code call.failed} instead of the rest). */
    public static final List<String> ALL = List.of("call.placed", "call.ringing", "call.answered", "call.joined",
            "call.ended", "call.failed");

    private EventTypes() {
    }

    /** Whether {@code type} is one of {@link #ALL}. */
    public static boolean known(String type) {
        return ALL.contains(type);
    }
}
