package dev.callbridge.webhook;

import dev.callbridge.twilio.StatusCallbackUrl;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a status callback whose announced body exceeds {@link CallbackForm#MAX_BYTES} (413)
 * before the body is read: the endpoint takes requests without an API key, so it must not
 * buffer up to the service-wide body limit for anyone. A body sent without a length is
 * measured once read.
 */
public class CallbackLengthFilter {

    @ServerRequestFilter(preMatching = true)
    public void checkLength(ContainerRequestContext request) {
        if (request.getUriInfo().getPath().equals(StatusCallbackUrl.PATH)) {
            CallbackForm.checkLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH));
        }
    }
}
