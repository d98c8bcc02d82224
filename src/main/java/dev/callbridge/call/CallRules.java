package dev.callbridge.call;

import dev.callbridge.phone.PhoneNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callbridge.config.ServiceConfig;
import dev.callbridge.config.TwilioConfig;
import dev.callbridge.twilio.TwilioWebhookUrl;
import io.quarkus.runtime.Startup;
import dev.callbridge.http.ApiProblemException;
import dev.callbridge.http.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a call request before anything is created upstream, reporting every problem at
 * once as field errors: numbers, template context size and depth, metadata, durations.
 */
@ApplicationScoped
@Startup
public class CallRules {

    static final int MIN_RING_SECONDS = 5;
    static final int MAX_RING_SECONDS = 600;
    static final int MIN_DURATION_SECONDS = 10;
    static final int MIN_JOIN_SECONDS = 10;
    static final int MAX_JOIN_SECONDS = 3600;
    /** How long Twilio lets a phone ring when the placement names no timeout. */
    static final int TWILIO_DEFAULT_RING_SECONDS = 60;
    static final int MAX_DURATION_SECONDS = 86_400;
    /** The {@code maxDuration} Ultravox gives a call that sets none. */
    static final int ULTRAVOX_DEFAULT_MAX_DURATION_SECONDS = 3_600;
    /** Ultravox reserves metadata keys with this prefix for itself. */
    static final String RESERVED_PREFIX = "ultravox.";
    /** Longest {@code voicemailMessage}: about a minute of speech, what a voicemail box keeps at least. */
    static final int MAX_VOICEMAIL_MESSAGE = 1000;
    /** The problem kind of a placement that needs Twilio to reach Callbridge, which has no public URL. */
    static final String PUBLIC_URL_REQUIRED = "public-url-required";
    /** Callbridge keeps metadata keys with this prefix for itself (the placement id). */
    static final String OWN_PREFIX = "callbridge.";

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private final CallConfig config;
    private final ObjectMapper mapper;
    /** The default caller ID checked once, as its E.164 form or why it is unusable. */
    private final Optional<String> configuredFrom;
    private final String configuredFromProblem;
    /** The connect mode of a placement that names none. */
    private final ConnectMode defaultMode;
    /** Whether Twilio can reach Callbridge's webhooks: needed by every mode but inline, and by machine detection. */
    private final boolean reachable;

    CallRules(CallConfig config, TwilioConfig twilio, ServiceConfig service, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.reachable = TwilioWebhookUrl.statusCallback(service).isPresent();
        // Checked at start: a default every placement would be refused for is a deployment error.
        this.defaultMode = ConnectMode.fromWire(config.connectMode()).orElseThrow(() -> new IllegalStateException(
                "CALLBRIDGE_CALLS_CONNECT_MODE must be inline, parallel or on-answer, got '" + config.connectMode() + "'"));
        if (defaultMode.needsConnectWebhook() && !reachable) {
            throw new IllegalStateException("CALLBRIDGE_CALLS_CONNECT_MODE " + defaultMode.wire()
                    + " needs CALLBRIDGE_PUBLIC_BASE_URL: Twilio fetches the call's TwiML from Callbridge on answer");
        }
        Optional<String> configured = twilio.phoneNumber().filter(s -> !s.isBlank());
        String e164 = null;
        String problem = null;
        try {
            e164 = configured.map(PhoneNumbers::toE164).orElse(null);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            problem = e.getMessage();
        }
        this.configuredFrom = Optional.ofNullable(e164);
        this.configuredFromProblem = configured.isPresent() ? problem : null;
    }

    /** The request in checked, normalised form, or a 400 problem listing every rejected field. */
    ValidatedCall check(String agentId, PlaceCallRequest request) {
        if (request == null) {
            throw ApiProblemException.validation(List.of(new FieldError("body", "a JSON object is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (agentId == null || !UUID.matcher(agentId).matches()) {
            errors.add(new FieldError("agentId", "must be a UUID"));
        }
        String to = number("to", request.to(), errors);
        boolean fromIsConfigured = request.from() == null;
        String from = fromIsConfigured ? configuredFrom(errors) : number("from", request.from(), errors);
        errors.addAll(templateContextErrors(request.templateContext()));
        errors.addAll(metadataErrors(request.metadata()));
        range("maxDuration", request.maxDuration(), MIN_DURATION_SECONDS, MAX_DURATION_SECONDS, errors);
        range("timeoutSeconds", request.timeoutSeconds(), MIN_RING_SECONDS, MAX_RING_SECONDS, errors);
        range("joinTimeout", request.joinTimeout(), MIN_JOIN_SECONDS, MAX_JOIN_SECONDS, errors);
        errors.addAll(FirstSpeakerRules.errors(request.firstSpeakerSettings()));
        CallPlacement.Connection connection = connection(request, errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.validation(errors);
        }
        requireReachable(connection);
        return new ValidatedCall(agentId, to, from, fromIsConfigured, request.templateContext(),
                request.metadata() == null ? Map.of() : new LinkedHashMap<>(request.metadata()),
                request.maxDuration(), request.recordingEnabled(), Optional.ofNullable(request.timeoutSeconds()),
                joinTimeout(request), request.firstSpeakerSettings(), connection);
    }

    /** The placement's connect mode, machine detection and voicemail message, checked. */
    private CallPlacement.Connection connection(PlaceCallRequest request, List<FieldError> errors) {
        ConnectMode mode = request.connectMode() == null ? defaultMode
                : ConnectMode.fromWire(request.connectMode()).orElse(null);
        if (mode == null) {
            errors.add(new FieldError("connectMode", "must be inline, parallel or on-answer"));
        }
        MachineDetection detection = request.machineDetection() == null ? MachineDetection.OFF
                : MachineDetection.fromWire(request.machineDetection()).orElse(null);
        if (detection == null) {
            errors.add(new FieldError("machineDetection", "must be off, hang-up or leave-message"));
        }
        String message = request.voicemailMessage();
        if (message != null) {
            if (detection != MachineDetection.LEAVE_MESSAGE) {
                errors.add(new FieldError("voicemailMessage", "is only spoken with machineDetection leave-message"));
            } else if (message.isBlank() || message.length() > MAX_VOICEMAIL_MESSAGE) {
                errors.add(new FieldError("voicemailMessage",
                        "must have 1 to " + MAX_VOICEMAIL_MESSAGE + " characters, not only spaces"));
            } else if (Twiml.sayThen(message, null, null).length() > Twiml.MAX_CHARS) {
                // Escaped for TwiML, '&', '<', '>' and quotes take several characters each.
                errors.add(new FieldError("voicemailMessage", "is too long for Twilio once escaped for TwiML ("
                        + Twiml.MAX_CHARS + " characters at most); use fewer of & < > \" '"));
            }
        }
        return new CallPlacement.Connection(mode, detection, message, null, null, null);
    }

    /** Refuses what Twilio could not carry out without reaching Callbridge, which has no public URL. */
    private void requireReachable(CallPlacement.Connection connection) {
        if (reachable) {
            return;
        }
        String needs = connection.mode().needsConnectWebhook() ? "connectMode " + connection.mode().wire()
                : connection.machineDetection().enabled() ? "machineDetection " + connection.machineDetection().wire()
                : null;
        if (needs != null) {
            throw new ApiProblemException(422, PUBLIC_URL_REQUIRED, "Public URL required", needs + " needs Twilio "
                    + "to reach Callbridge's webhooks, and this server has no public URL "
                    + "(CALLBRIDGE_PUBLIC_BASE_URL); place the call with connectMode inline and machineDetection off, "
                    + "or configure the public URL.");
        }
    }

    /**
     * The agent must still be there when the callee answers late: Ultravox's own default (30 s)
     * is shorter than Twilio's default ring time (60 s), and Twilio may queue the call first.
     */
    private int joinTimeout(PlaceCallRequest request) {
        if (request.joinTimeout() != null) {
            return request.joinTimeout();
        }
        int ring = request.timeoutSeconds() == null ? TWILIO_DEFAULT_RING_SECONDS : request.timeoutSeconds();
        return ring + (int) config.joinTimeoutMargin().toSeconds();
    }

    private static String number(String field, String value, List<FieldError> errors) {
        try {
            return PhoneNumbers.toE164(value);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private String configuredFrom(List<FieldError> errors) {
        if (configuredFromProblem != null) {
            throw new ApiProblemException(500, "misconfigured", "Server misconfigured",
                    "The default caller ID TWILIO_PHONE_NUMBER " + configuredFromProblem + ".");
        }
        if (configuredFrom.isEmpty()) {
            errors.add(new FieldError("from", "is required: no default caller ID (TWILIO_PHONE_NUMBER) is configured"));
            return null;
        }
        return configuredFrom.get();
    }

    /** Size and depth limits of {@code templateContext}, which must be a JSON object. */
    public List<FieldError> templateContextErrors(JsonNode context) {
        if (context == null || context.isNull()) {
            return List.of();
        }
        if (!context.isObject()) {
            return List.of(new FieldError("templateContext", "must be a JSON object"));
        }
        List<FieldError> errors = new ArrayList<>();
        int maxDepth = config.templateContext().maxDepth();
        if (depth(context, maxDepth + 1) > maxDepth) {
            errors.add(new FieldError("templateContext", "is nested deeper than " + maxDepth + " levels"));
        }
        int maxBytes = config.templateContext().maxBytes();
        int size = serializedSize(context);
        if (size > maxBytes) {
            errors.add(new FieldError("templateContext",
                    "is " + size + " bytes as JSON; at most " + maxBytes + " are accepted"));
        }
        return errors;
    }

    /** Nesting depth of containers (an object with scalars is 1), counted no further than {@code stop}. */
    static int depth(JsonNode node, int stop) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> it = node.elements(); it.hasNext() && deepest + 1 < stop; ) {
            deepest = Math.max(deepest, depth(it.next(), stop - 1));
        }
        return deepest + 1;
    }

    private int serializedSize(JsonNode context) {
        try {
            return mapper.writeValueAsBytes(context).length;
        } catch (JsonProcessingException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Entry count, key and value limits of {@code metadata}; keys reserved by Ultravox and Callbridge are refused. */
    public List<FieldError> metadataErrors(Map<String, String> metadata) {
        if (metadata == null) {
            return List.of();
        }
        CallConfig.Metadata limits = config.metadata();
        List<FieldError> errors = new ArrayList<>();
        if (metadata.size() > limits.maxEntries()) {
            errors.add(new FieldError("metadata", "has " + metadata.size() + " entries; at most "
                    + limits.maxEntries() + " are accepted"));
        }
        metadata.forEach((key, value) -> {
            String field = "metadata[" + truncated(key) + "]";
            if (key.isBlank() || key.length() > limits.maxKeyLength()) {
                errors.add(new FieldError(field, "keys must have 1 to " + limits.maxKeyLength() + " characters"));
            } else if (key.startsWith(RESERVED_PREFIX)) {
                errors.add(new FieldError(field, "keys starting with '" + RESERVED_PREFIX + "' are reserved by Ultravox"));
            } else if (key.startsWith(OWN_PREFIX)) {
                errors.add(new FieldError(field, "keys starting with '" + OWN_PREFIX + "' are reserved by Callbridge"));
            }
            if (value == null) {
                errors.add(new FieldError(field, "must be a string"));
            } else if (value.length() > limits.maxValueLength()) {
                errors.add(new FieldError(field, "values may have at most " + limits.maxValueLength() + " characters"));
            }
        });
        return errors;
    }

    private static String truncated(String key) {
        return key.length() > 64 ? key.substring(0, 64) + "…" : key;
    }

    private static void range(String field, Integer value, int min, int max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max));
        }
    }
}
