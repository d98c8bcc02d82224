package dev.callbridge.twilio;

import com.twilio.base.Resource;
import com.twilio.converter.CurrencyDeserializer;
import com.twilio.converter.RFC2822Deserializer;
import com.twilio.exception.RestException;
import com.twilio.exception.RestStandardException;
import com.twilio.rest.api.v2010.account.Call;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Twilio SDK types that Jackson binds on Callbridge's behalf, registered for reflection so
 * that a native executable can read Twilio's answers. The SDK parses each answer with its own
 * {@code ObjectMapper}: {@code Call.fromJson} for a call, {@code RestException.fromJson} for an
 * error body, and {@code RestStandardException.fromJson} for the newer error format that
 * {@code ApiException} also carries. Jackson finds their {@code @JsonCreator} constructors and
 * factories, the {@code @JsonProperty} names and the {@code @JsonDeserialize} helpers by
 * reflection. Quarkus registers only the types of Callbridge's own REST endpoints and clients;
 * without this list a native executable cannot read the call Twilio has just created, and
 * Callbridge would undo a call that is already ringing.
 *
 * <p>What Callbridge sends needs no entry: the SDK writes form parameters with
 * {@code String.valueOf} ({@code PhoneNumber}, {@code Twiml}, {@code Call.UpdateStatus},
 * {@code HttpMethod}). The readiness probe reads the account with its own HTTP client, not the
 * SDK. {@code TwilioJsonTypesTest} derives this list from the byte code of Callbridge and the SDK
 * and fails when it differs.
 *
 * <p>Registration only names classes; it initialises none of them at build time.
 */
@RegisterForReflection(targets = {
        Call.class,
        Call.Status.class,
        Resource.class,
        RFC2822Deserializer.class,
        CurrencyDeserializer.class,
        RestException.class,
        RestStandardException.class,
        RestStandardException.ValidationError.class,
})
final class TwilioJsonTypes {

    private TwilioJsonTypes() {
    }
}
