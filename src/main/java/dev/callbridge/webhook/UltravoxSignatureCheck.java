package dev.callbridge.webhook;

import dev.callbridge.config.UltravoxConfig;
import dev.callbridge.ultravox.UltravoxWebhookSignatures;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Checks an Ultravox webhook as Ultravox signs it ({@link UltravoxWebhookSignatures}): one of
 * the {@code X-Ultravox-Webhook-Signature} digests must be the HMAC of the raw body and the
 * timestamp under one of {@code ULTRAVOX_WEBHOOK_SECRETS}, and the timestamp must lie within the
 * replay window of now, so a delivery recorded on the way cannot be sent again later. Without a
 * secret every webhook is refused, and startup says so once.
 */
@ApplicationScoped
class UltravoxSignatureCheck {

    /** Why a webhook was refused, or that it was not. */
    enum Verdict {
        VALID(null),
        NOT_CONFIGURED("Ultravox webhooks are refused: no ULTRAVOX_WEBHOOK_SECRETS is configured."),
        MISSING_SIGNATURE("The request has no " + UltravoxWebhookSignatures.SIGNATURE_HEADER + " header."),
        MISSING_TIMESTAMP("The request has no " + UltravoxWebhookSignatures.TIMESTAMP_HEADER + " header."),
        INVALID_TIMESTAMP(UltravoxWebhookSignatures.TIMESTAMP_HEADER + " is not an ISO-8601 date and time."),
        STALE_TIMESTAMP(UltravoxWebhookSignatures.TIMESTAMP_HEADER + " lies outside the replay window."),
        MISMATCH(UltravoxWebhookSignatures.SIGNATURE_HEADER + " matches no configured secret over the body "
                + "and the timestamp.");

        private final String detail;

        Verdict(String detail) {
            this.detail = detail;
        }

        /** The explanation for the client; never a secret or a digest. */
        String detail() {
            return detail;
        }

        /** Whether the refusal is about the timestamp rather than the signature. */
        boolean aboutTime() {
            return this == INVALID_TIMESTAMP || this == STALE_TIMESTAMP;
        }
    }

    /** Longest timestamp parsed: Ultravox's own form is 32 characters. */
    private static final int MAX_TIMESTAMP = 64;

    private final List<String> secrets;
    private final Duration tolerance;
    private final Clock clock;

    @Inject
    UltravoxSignatureCheck(UltravoxConfig config) {
        this(config.webhookSecrets().orElse(List.of()), config.webhookTolerance(), Clock.systemUTC());
    }

    UltravoxSignatureCheck(List<String> secrets, Duration tolerance, Clock clock) {
        this.secrets = secrets.stream().map(String::trim).filter(secret -> !secret.isEmpty()).toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        warnIfUnconfigured();
    }

    /** The startup warning of an instance that will refuse every Ultravox webhook. */
    void warnIfUnconfigured() {
        if (!configured()) {
            Log.warn("No ULTRAVOX_WEBHOOK_SECRETS: every Ultravox webhook to /webhooks/ultravox is refused with 403, "
                    + "so no call's joined, ended, endReason or summary is recorded from Ultravox. Register an account "
                    + "webhook at Ultravox (POST /api/webhooks with url <CALLBRIDGE_PUBLIC_BASE_URL>/webhooks/ultravox "
                    + "and its secrets) and set ULTRAVOX_WEBHOOK_SECRETS to the same secrets, comma-separated.");
        }
    }

    /** Whether any secret is configured. */
    boolean configured() {
        return !secrets.isEmpty();
    }

    /** The replay window: how far a timestamp may lie from now, either way. */
    Duration tolerance() {
        return tolerance;
    }

    /** The verdict on a webhook with these headers over {@code body}, its raw bytes. */
    Verdict check(byte[] body, String timestamp, String signature) {
        if (!configured()) {
            return Verdict.NOT_CONFIGURED;
        }
        if (signature == null || signature.isBlank()) {
            return Verdict.MISSING_SIGNATURE;
        }
        if (timestamp == null || timestamp.isBlank()) {
            return Verdict.MISSING_TIMESTAMP;
        }
        if (!UltravoxWebhookSignatures.matches(secrets, body, timestamp, signature)) {
            return Verdict.MISMATCH;
        }
        return timeVerdict(timestamp);
    }

    /** Checked after the signature, so an unsigned request learns nothing about the clock. */
    private Verdict timeVerdict(String timestamp) {
        Instant sent = parse(timestamp);
        if (sent == null) {
            return Verdict.INVALID_TIMESTAMP;
        }
        Duration offset = Duration.between(sent, clock.instant()).abs();
        return offset.compareTo(tolerance) > 0 ? Verdict.STALE_TIMESTAMP : Verdict.VALID;
    }

    /**
     * The instant of an ISO-8601 timestamp, leniently: Ultravox documents the header as read by
     * Python's {@code datetime.fromisoformat}, which takes {@code Z}, an offset, no zone (read
     * here as UTC) and a space instead of {@code T}. Null when it is none of these.
     */
    static Instant parse(String timestamp) {
        String text = timestamp.trim();
        if (text.length() > MAX_TIMESTAMP) {
            return null;
        }
        if (text.length() > 10 && text.charAt(10) == ' ') {
            text = text.substring(0, 10) + 'T' + text.substring(11);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutZone) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
