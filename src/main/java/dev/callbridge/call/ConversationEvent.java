package dev.callbridge.call;

import java.time.Instant;
import java.util.Set;

/**
 * One Ultravox webhook about an agent call, as the call ledger applies it to the placement:
 * the conversation's join and end times, Ultravox's {@code endReason} and its summaries. Ultravox
 * retries a webhook up to ten times, so the same event arrives more than once: each value is set
 * once and a repeat changes nothing.
 *
 * @param event        Ultravox's event name: {@code call.started}, {@code call.joined},
 *                     {@code call.ended} or {@code call.billed}
 * @param joined       the call's {@code joined} time, null until it joined
 * @param ended        the call's {@code ended} time, null until it ended
 * @param endReason    Ultravox's {@code endReason} ({@code hangup}, {@code agent_hangup},
 *                     {@code timeout}, {@code unjoined}, ...), null until it ended
 * @param shortSummary Ultravox's {@code shortSummary}, null when it gave none
 * @param summary      Ultravox's {@code summary}, null when it gave none
 * @param receivedAt   when Callbridge received the webhook
 */
public record ConversationEvent(String event, Instant joined, Instant ended, String endReason, String shortSummary,
        String summary, Instant receivedAt) {

    /** The events Ultravox sends about calls. */
    public static final Set<String> EVENTS = Set.of("call.started", "call.joined", "call.ended", "call.billed");

    /** Longest {@code summary} kept, in characters; the rest is cut, so a placement's size stays bounded. */
    public static final int MAX_SUMMARY_CHARS = 4_000;
    /** Longest {@code shortSummary} kept, in characters. */
    public static final int MAX_SHORT_SUMMARY_CHARS = 500;
    /** Longest {@code endReason} kept (Ultravox's are short names). */
    static final int MAX_END_REASON_CHARS = 64;

    public ConversationEvent {
        endReason = cut(endReason, MAX_END_REASON_CHARS);
        shortSummary = cut(shortSummary, MAX_SHORT_SUMMARY_CHARS);
        summary = cut(summary, MAX_SUMMARY_CHARS);
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
