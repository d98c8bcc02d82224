package dev.callbridge.sandbox;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates a form-encoded {@code Calls.json} create request in Twilio's order: numbers, the
 * call's instructions ({@code Url} | {@code Twiml} | {@code ApplicationSid}), callbacks and
 * timing, answering-machine detection ({@link MachineDetectionRequests}), then the magic
 * destination numbers.
 */
final class TwilioCallRequests {

    /** A request that may be placed. */
    record Valid(String to, String from, SimulatedTwilioCall.Options options) {
    }

    /** Either a valid request or Twilio's error answer. */
    record Outcome(Valid valid, Response error) {
        static Outcome refused(int code, String message) {
            return new Outcome(null, TwilioErrors.badRequest(code, message));
        }
    }

    static final Set<String> EVENTS = Set.of("initiated", "ringing", "answered", "completed");
    private static final Pattern APPLICATION_SID = Pattern.compile("^AP[0-9a-fA-F]{32}$");

    private TwilioCallRequests() {
    }

    static Outcome read(MultivaluedMap<String, String> form) {
        String to = form.getFirst("To");
        String from = form.getFirst("From");
        if (to == null || to.isBlank()) {
            return Outcome.refused(21201, "No 'To' number is specified");
        }
        if (from == null || from.isBlank()) {
            return Outcome.refused(21213, "No 'From' number is specified");
        }
        if (!PhoneNumbers.isE164(to)) {
            return Outcome.refused(21211, "Invalid 'To' Phone Number: " + to);
        }
        if (!PhoneNumbers.isE164(from) || from.equals(MagicNumbers.INVALID_CALLER_ID)) {
            return Outcome.refused(21212, "Invalid 'From' Phone Number: " + from);
        }
        if (!from.equals(SandboxCredentials.TWILIO_PHONE_NUMBER)) {
            return Outcome.refused(21210, "The source phone number provided, " + from + ", is not yet verified for "
                    + "your account. You may only make calls from phone numbers that you've verified or purchased "
                    + "from Twilio.");
        }
        Outcome instructions = instructions(form);
        if (instructions.error() != null) {
            return instructions;
        }
        return callbackAndTiming(form, to, from, instructions.valid().options());
    }

    /** Exactly one of Url, Twiml, ApplicationSid; a Twiml must hold a {@code <Connect><Stream url>}. */
    private static Outcome instructions(MultivaluedMap<String, String> form) {
        List<String> given = List.of("Url", "Twiml", "ApplicationSid").stream().filter(form::containsKey).toList();
        if (given.size() != 1) {
            return Outcome.refused(21200, "Exactly one of 'Url', 'Twiml' or 'ApplicationSid' is required; got "
                    + (given.isEmpty() ? "none" : String.join(", ", given)) + ".");
        }
        String value = form.getFirst(given.get(0));
        String streamUrl = null;
        String voiceUrl = null;
        switch (given.get(0)) {
            case "Url" -> {
                if (!isHttpUrl(value)) {
                    return Outcome.refused(21205, "Url is not a valid URL: " + value);
                }
                voiceUrl = value;
            }
            case "ApplicationSid" -> {
                if (value == null || !APPLICATION_SID.matcher(value).matches()) {
                    return Outcome.refused(21200, "ApplicationSid must be AP followed by 32 hex digits.");
                }
            }
            default -> {
                TwimlReader.Stream twiml = TwimlReader.streamUrl(value == null ? "" : value);
                if (twiml.error() != null) {
                    return Outcome.refused(21200, twiml.error());
                }
                streamUrl = twiml.streamUrl();
            }
        }
        return new Outcome(new Valid(null, null, new SimulatedTwilioCall.Options(null, null, Set.of(), 0, null,
                streamUrl, voiceUrl, null, null)), null);
    }

    private static Outcome callbackAndTiming(MultivaluedMap<String, String> form, String to, String from,
            SimulatedTwilioCall.Options instructions) {
        String callback = form.getFirst("StatusCallback");
        if (callback != null && !isHttpUrl(callback)) {
            return Outcome.refused(21200, "StatusCallback is not a valid http(s) URL.");
        }
        String method = Optional.ofNullable(form.getFirst("StatusCallbackMethod")).orElse("POST").toUpperCase();
        if (!method.equals("POST") && !method.equals("GET")) {
            return Outcome.refused(21200, "StatusCallbackMethod must be GET or POST.");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String value : Optional.ofNullable(form.get("StatusCallbackEvent")).orElse(List.of())) {
            for (String event : value.trim().split("\\s+")) {
                if (!EVENTS.contains(event)) {
                    return Outcome.refused(21626, "Invalid StatusCallbackEvent: " + event);
                }
                events.add(event);
            }
        }
        Integer timeout = seconds(form.getFirst("Timeout"));
        Integer timeLimit = seconds(form.getFirst("TimeLimit"));
        if ((form.containsKey("Timeout") && timeout == null) || (form.containsKey("TimeLimit") && timeLimit == null)) {
            return Outcome.refused(21200, "Timeout and TimeLimit must be positive whole seconds.");
        }
        MachineDetectionRequests.Outcome detection = MachineDetectionRequests.read(form);
        if (detection.error() != null) {
            return new Outcome(null, detection.error());
        }
        Optional<MagicNumbers.Rejection> rejection = MagicNumbers.rejection(to);
        if (rejection.isPresent()) {
            return Outcome.refused(rejection.get().code(), rejection.get().message());
        }
        int ringFor = timeout == null ? TwilioSandboxResource.DEFAULT_TIMEOUT
                : Math.min(timeout, TwilioSandboxResource.MAX_TIMEOUT);
        return new Outcome(new Valid(to, from, new SimulatedTwilioCall.Options(callback, method, events, ringFor,
                timeLimit, instructions.streamUrl(), instructions.voiceUrl(), MagicNumbers.behaviour(to),
                detection.detection())), null);
    }

    private static Integer seconds(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
