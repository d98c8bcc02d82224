package dev.callbridge.sandbox;

import dev.callbridge.http.ApiProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /sandbox/inbox/{name}}: a webhook receiver inside the sandbox. {@code POST} keeps the
 * request (its webhook headers and raw body) and answers 204; {@code GET} lists what the inbox
 * holds, oldest first; {@code DELETE} empties it. Served only while the sandbox is on
 * ({@link SandboxGate}).
 */
@Path("/sandbox/inbox/{name}")
public class SandboxInboxResource {

    /** The headers kept: those a receiver of Callbridge's events reads. */
    static final List<String> KEPT_HEADERS = List.of("Content-Type", "User-Agent", "Callbridge-Signature",
            "Callbridge-Event-Id", "Callbridge-Event-Type");
    /** Most characters of a body kept. */
    static final int MAX_BODY = 256 * 1024;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final SandboxInbox inbox;

    SandboxInboxResource(SandboxInbox inbox) {
        this.inbox = inbox;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response receive(@PathParam("name") String name, HttpHeaders headers, String body) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String header : KEPT_HEADERS) {
            String value = headers.getHeaderString(header);
            if (value != null) {
                kept.put(header, value);
            }
        }
        String text = body == null ? "" : body;
        inbox.add(checked(name), new InboxMessage(Instant.now(), kept,
                text.length() > MAX_BODY ? text.substring(0, MAX_BODY) : text));
        return Response.noContent().build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<InboxMessage> list(@PathParam("name") String name) {
        return inbox.messages(checked(name));
    }

    @DELETE
    public Response clear(@PathParam("name") String name) {
        inbox.clear(checked(name));
        return Response.noContent().build();
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new ApiProblemException(400, "validation", "Request validation failed",
                    "An inbox name is 1-64 letters, digits, '-' or '_'.");
        }
        return name;
    }
}
