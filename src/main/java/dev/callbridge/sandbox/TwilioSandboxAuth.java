package dev.callbridge.sandbox;

import dev.callbridge.vendor.Vendor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * The simulated Twilio's authentication: HTTP Basic with the sandbox Account SID and auth
 * token, and that same SID in the path; otherwise 401 with code 20003, as Twilio answers.
 * Refuses everything when {@code callbridge.sandbox.reject-credentials} names Twilio.
 */
public class TwilioSandboxAuth {

    static final String PREFIX = "/sandbox/twilio/";
    private static final String ACCOUNTS = "/Accounts/";

    private final boolean rejectAll;

    TwilioSandboxAuth(SandboxConfig config) {
        this.rejectAll = config.rejectCredentials().orElse(Set.of()).contains(Vendor.TWILIO);
    }

    @org.jboss.resteasy.reactive.server.ServerRequestFilter
    public Response authenticate(ContainerRequestContext request, SimpleResourceInfo resource) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith(PREFIX) || SandboxRouteFallback.serves(resource.getResourceClass())) {
            return null;
        }
        boolean valid = !rejectAll && credentialsMatch(request.getHeaderString("Authorization"))
                && SandboxCredentials.TWILIO_ACCOUNT_SID.equals(accountInPath(path));
        return valid ? null : TwilioErrors.unauthorized();
    }

    private static boolean credentialsMatch(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        String expected = SandboxCredentials.TWILIO_ACCOUNT_SID + ":" + SandboxCredentials.TWILIO_AUTH_TOKEN;
        return MessageDigest.isEqual(decoded.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String accountInPath(String path) {
        int at = path.indexOf(ACCOUNTS);
        if (at < 0) {
            return null;
        }
        String rest = path.substring(at + ACCOUNTS.length());
        int slash = rest.indexOf('/');
        // The account resource itself is addressed as .../Accounts/{sid}.json.
        return slash < 0 ? rest.replaceFirst("\\.json$", "") : rest.substring(0, slash);
    }
}
