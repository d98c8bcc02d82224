package dev.callbridge.twilio;

import dev.callbridge.config.ServiceConfig;
import java.util.Optional;

/**
 * The URLs under which Twilio reaches Callbridge, and therefore the URLs its signatures cover:
 * {@code CALLBRIDGE_PUBLIC_BASE_URL} (trailing slashes dropped) followed by a webhook's path.
 * Without a public base URL Twilio cannot reach Callbridge: no callback is requested and no
 * webhook is served.
 */
public final class TwilioWebhookUrl {

    /** Where status callbacks are served: of placed calls (requested with each call) and of inbound calls. */
    public static final String STATUS_PATH = "/webhooks/twilio/call-status";
    /** Where a Twilio number's "A call comes in" webhook is served. */
    public static final String VOICE_PATH = "/webhooks/twilio/voice";

    /**
     * Under which a placed call's connect webhook is served, followed by {@code /{placementId}}:
     * Twilio fetches the TwiML of a {@code parallel} or {@code on-answer} call from it on answer.
     */
    public static final String CONNECT_PATH = "/webhooks/twilio/connect";
    /** Under which a placed call's answering-machine detection result is received, followed by {@code /{placementId}}. */
    public static final String MACHINE_DETECTION_PATH = "/webhooks/twilio/machine-detection";

    private TwilioWebhookUrl() {
    }

    /** The status callback URL, or empty when no public base URL is configured. */
    public static Optional<String> statusCallback(ServiceConfig service) {
        return of(service, STATUS_PATH);
    }

    /** The path of the connect webhook of this placement. */
    public static String connectPath(String placementId) {
        return CONNECT_PATH + "/" + placementId;
    }

    /** The path of the answering-machine detection webhook of this placement. */
    public static String machineDetectionPath(String placementId) {
        return MACHINE_DETECTION_PATH + "/" + placementId;
    }

    /** The public URL of the webhook served at {@code path}, or empty when no public base URL is configured. */
    public static Optional<String> of(ServiceConfig service, String path) {
        return service.publicBaseUrl().map(String::trim).filter(base -> !base.isEmpty())
                .map(base -> base.replaceAll("/+$", "") + path);
    }
}
