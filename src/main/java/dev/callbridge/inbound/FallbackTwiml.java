package dev.callbridge.inbound;

import dev.callbridge.call.Twiml;
import dev.callbridge.phone.PhoneNumbers;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The TwiML a caller gets when the agent cannot take the call: the configured message spoken,
 * then the call forwarded to the configured number, or hung up. Built once, at start, so a
 * misconfigured number or a blank message stops the service from starting rather than failing
 * every call.
 */
@ApplicationScoped
@Startup
public class FallbackTwiml {

    private final String twiml;

    FallbackTwiml(InboundConfig config) {
        InboundConfig.Fallback fallback = config.fallback();
        if (fallback.message().isBlank()) {
            throw new IllegalStateException("CALLBRIDGE_INBOUND_FALLBACK_MESSAGE is blank: a caller the agent "
                    + "cannot take would hear nothing");
        }
        this.twiml = Twiml.sayThen(fallback.message(),
                fallback.language().map(String::trim).filter(value -> !value.isEmpty()).orElse(null),
                fallback.dial().map(String::trim).filter(value -> !value.isEmpty()).map(FallbackTwiml::e164)
                        .orElse(null));
    }

    /** The fallback TwiML document. */
    public String twiml() {
        return twiml;
    }

    private static String e164(String configured) {
        try {
            return PhoneNumbers.toE164(configured);
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            throw new IllegalStateException("CALLBRIDGE_INBOUND_FALLBACK_DIAL " + e.getMessage(), e);
        }
    }
}
