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
}
