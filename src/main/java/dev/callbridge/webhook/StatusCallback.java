package dev.callbridge.webhook;

import dev.callbridge.call.CallEvent;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The fields of a Twilio status callback that the call ledger records, checked. Everything else
 * Twilio sends (the numbers, the geography, the account) is ignored, so no phone number is
 * kept twice or logged from here.
 *
 * @param sequenceNumber Twilio's {@code SequenceNumber}: the order of the call's callbacks
 */
record StatusCallback(String callSid, String status, long sequenceNumber, Instant timestamp,
        Integer durationSeconds, String answeredBy) {

    /** Longest SID or {@code AnsweredBy} value kept: Twilio's are 34 characters and a short word. */
    private static final int MAX_TOKEN = 64;

    /** Checks and reads the callback's fields; a missing or malformed one is a 400. */
    static StatusCallback from(Map<String, String> form) {
        String callSid = token(form, "CallSid", true);
        String status = form.get("CallStatus");
        if (status == null || !CallEvent.STATUSES.contains(status)) {
            throw CallbackForm.malformed("CallStatus must be one of " + String.join(", ",
                    CallEvent.STATUSES.stream().sorted().toList()) + ".");
        }
        return new StatusCallback(callSid, status, sequence(form.get("SequenceNumber"), status),
                timestamp(form.get("Timestamp")), CallbackForm.wholeNumber(form, "CallDuration", "seconds"),
                token(form, "AnsweredBy", false));
    }

    /** The checked {@code CallSid} of any of Twilio's webhooks; a missing or malformed one is a 400. */
    static String callSid(Map<String, String> form) {
        return token(form, "CallSid", true);
    }

    /** The ledger's timeline entry for this callback, received at {@code receivedAt}. */
    CallEvent event(Instant receivedAt) {
        return new CallEvent(sequenceNumber, status, timestamp, durationSeconds, answeredBy, receivedAt);
    }

    /** A required or optional SID-like field: letters, digits, {@code -} and {@code _}, at most {@link #MAX_TOKEN}. */
    static String token(Map<String, String> form, String name, boolean required) {
        String value = form.get(name);
        if (value == null || value.isEmpty()) {
            if (required) {
                throw CallbackForm.malformed(name + " is required.");
            }
            return null;
        }
        if (value.length() > MAX_TOKEN || !value.matches("[A-Za-z0-9_\\-]+")) {
            throw CallbackForm.malformed(name + " must be at most " + MAX_TOKEN + " letters, digits, '-' or '_'.");
        }
        return value;
    }

    /**
     * Progress events carry {@code SequenceNumber}; the status callback configured on a number
     * (an inbound call's) reports only the final status, without one.
     */
    private static long sequence(String value, String status) {
        if (value == null && CallEvent.FINAL_STATUSES.contains(status)) {
            return CallEvent.UNSEQUENCED_FINAL;
        }
        if (value == null || !value.matches("[0-9]{1,9}")) {
            throw CallbackForm.malformed("SequenceNumber is required and must be a whole number from 0 "
                    + "(Callbridge asks Twilio for progress events, which carry it).");
        }
        return Long.parseLong(value);
    }

    private static Instant timestamp(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw CallbackForm.malformed("Timestamp must be an RFC 2822 date, e.g. 'Sun, 01 Jun 2025 12:00:31 +0000'.");
        }
    }
}
